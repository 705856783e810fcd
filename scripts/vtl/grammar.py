"""Grammar-based random VTL templates: every construct of the language, nested at random,
with the whitespace, escapes and odd spellings where Velocity 1.7 surprises."""

from .base import STRINGS, WORDS, vtl_double, vtl_single

VARS = ["x", "y", "s", "n", "list", "map", "i", "item", "v", "total", "flag", "obj", "d"]
TEXT_BITS = ["a", "b", " ", "  ", "\t", "\n", "\r\n", ",", ":", "{", "}", "[", "]", "(", ")", ".", "-",
             "\"", "'", "=", "<", ">", "!", "*", "/", "%", "+", "@", "&", "|", ";", "?", "word", "x1",
             "1", "2.5", "true", "é", "€"]
ODD = ["$", "#", "\\", "$!", "${", "\\\\", "##", "#*", "*#", "$$", "#$", "\\$", "\\#", "$.", "$[", "#{",
       "#}", "$!{", "$-", "$1", "#1", "$ ", "# "]
METHODS0 = ["size()", "length()", "isEmpty()", "toString()", "trim()", "toUpperCase()", "toLowerCase()",
            "keySet()", "values()", "entrySet()", "hashCode()", "intValue()", "empty", "get(0)",
            "substring(1)", "substring(0, 2)", "charAt(0)", "indexOf('a')", "lastIndexOf('a')",
            "contains('a')", "startsWith('a')", "endsWith('c')", "replace('a', 'b')", "split(',')",
            "concat('!')", "equals('a')", "get('a')", "containsKey('a')", "add(1)", "put('k', 'v')",
            "remove(0)", "isBlank()", "repeat(2)", "compareTo('b')", "equalsIgnoreCase('A')"]


class Grammar:
    def __init__(self, rng):
        self.r = rng
        self.macros = []

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    # -- values -----------------------------------------------------------------

    def int_lit(self):
        return str(self.pick([0, 1, 2, 3, 7, 10, -1, -5, 100, 2147483647, -2147483648, 2147483648,
                              9223372036854775807, 99999999999999999999, 46341, 65536]))

    def float_lit(self):
        return self.pick(["0.5", "1.5", "2.0", "0.1", "10.25", "-3.75", "1e3", "1.0E7", "0.001", "3.", ".5e1"])

    def str_lit(self, depth):
        s = self.pick(STRINGS)
        if self.chance(0.5):
            return vtl_single(s)
        if self.chance(0.4) and depth > 0:
            inner = self.pick(["$x", "${x}", "$!x", "$n", "#if(true)yes#end", "$s.length()", "##c", "$",
                               "#set($y = 2)$y", "a$x-b", "\\$x", "${n}0", "$list", "#foreach($k in [1,2])$k#end"])
            s = s[: len(s) // 2] + inner + s[len(s) // 2:]
        return vtl_double(s)

    def ref(self, depth, allow_method=True):
        name = self.pick(VARS + ["input", "util", "context", "stageVariables", "undefined", "foreach",
                                 "velocityCount", "velocityHasNext"])
        prefix = self.pick(["$", "$", "$", "$!", "${", "$!{"])
        parts = ""
        for _ in range(self.r.randint(0, 2)):
            k = self.r.random()
            if k < 0.3:
                parts += "." + self.pick(WORDS + ["size", "length", "empty", "first", "last", "index",
                                                  "count", "hasNext", "body", "key", "value"])
            elif k < 0.7 and allow_method and depth > 0:
                parts += "." + self.method_call(depth - 1, name)
            else:
                parts += "[" + self.pick(["0", "1", "-1", "'a'", "'name'", "$i", "$n", "true", "5"]) + "]"
        if prefix.endswith("{"):
            return prefix + name + parts + "}"
        return prefix + name + parts

    def method_call(self, depth, owner):
        if owner == "input":
            return self.pick(["path('$.name')", "path('$')", "json('$')", "json('$.tags')", "params()",
                              "params('id')", "params('q')", "path('$.items')", "path('$.missing')",
                              "json('$.owner')", "path('$[0]')", "path('$.tags[0]')", "body"])
        if owner == "util":
            return self.pick(["escapeJavaScript(%s)", "urlEncode(%s)", "urlDecode(%s)", "base64Encode(%s)",
                              "base64Decode(%s)", "parseJson(%s)"]) % self.expr(depth, simple=True)
        if self.chance(0.6):
            return self.pick(METHODS0)
        name = self.pick(["substring", "indexOf", "get", "put", "add", "replace", "equals", "contains",
                          "split", "replaceAll", "matches", "containsKey", "set", "remove", "concat"])
        args = ", ".join(self.expr(depth, simple=True) for _ in range(self.r.randint(0, 2)))
        return "%s(%s)" % (name, args)

    def list_lit(self, depth):
        items = [self.expr(depth - 1, simple=True) for _ in range(self.r.randint(0, 3))]
        sep = self.pick([", ", ",", " , "])
        return "[" + sep.join(items) + "]"

    def map_lit(self, depth):
        items = ["%s: %s" % (self.pick(["'a'", '"b"', "'k'", "1", "$x", '"n"']), self.expr(depth - 1, simple=True))
                 for _ in range(self.r.randint(0, 3))]
        return "{" + self.pick([", ", ","]).join(items) + "}"

    def range_lit(self):
        a = self.pick(["1", "0", "-2", "$n", "3", "5"])
        b = self.pick(["3", "1", "0", "$n", "5", "-1"])
        return "[%s..%s]" % (a, b) if self.chance(0.7) else "[ %s .. %s ]" % (a, b)

    def primary(self, depth):
        k = self.r.random()
        if k < 0.25:
            return self.ref(depth)
        if k < 0.4:
            return self.int_lit()
        if k < 0.5:
            return self.float_lit()
        if k < 0.7:
            return self.str_lit(depth)
        if k < 0.75:
            return self.pick(["true", "false"])
        if depth > 0 and k < 0.82:
            return self.list_lit(depth)
        if depth > 0 and k < 0.87:
            return self.map_lit(depth)
        if k < 0.92:
            return self.range_lit()
        if depth > 0:
            return "(" + self.expr(depth - 1) + ")"
        return self.ref(0)

    def expr(self, depth, simple=False):
        if simple or depth <= 0 or self.chance(0.4):
            return self.primary(max(depth, 0))
        op = self.pick(["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or",
                        "eq", "ne", "lt", "gt", "le", "ge"])
        left = self.expr(depth - 1)
        right = self.expr(depth - 1)
        if self.chance(0.1):
            return self.pick(["!", "! ", "not "]) + self.primary(depth - 1)
        sp = self.pick([" ", " ", "", "  "])
        return left + sp + op + sp + right

    # -- statements --------------------------------------------------------------

    def ws(self):
        return self.pick(["", "", "", " ", "  ", "\t", "\n", " \n", "\n  ", "\r\n", "\n\n"])

    def text(self):
        bits = [self.pick(TEXT_BITS) for _ in range(self.r.randint(1, 4))]
        if self.chance(0.15):
            bits.append(self.pick(ODD))
        return "".join(bits)

    def directive_name(self, name):
        return "#{%s}" % name if self.chance(0.1) else "#" + name

    def block(self, depth, size):
        return "".join(self.statement(depth) for _ in range(self.r.randint(0, size)))

    def statement(self, depth):
        k = self.r.random()
        if depth <= 0 or k < 0.3:
            return self.text() if self.chance(0.6) else self.ref(1)
        pre = self.pick(["", "", "", " ", "  ", "\n", "\t"])
        post = self.pick(["", "", " ", "\n", "  \n", "\r\n"])
        if k < 0.42:
            target = self.pick(["$" + self.pick(VARS), "$" + self.pick(VARS), "$map.k", "$map['z']",
                                "$list[0]", "$obj.a", "${x}", "$context.responseOverride.status",
                                "$context.responseOverride.header.X-A", "$foreach.tmp"])
            sp = self.pick(["", " "])
            return pre + "#set(" + sp + target + sp + "=" + sp + self.expr(depth) + sp + ")" + post
        if k < 0.55:
            out = pre + self.directive_name("if") + self.pick(["(", " ("]) + self.expr(depth) + ")" + post
            out += self.block(depth - 1, 3)
            for _ in range(self.r.randint(0, 2)):
                out += self.ws() + self.directive_name("elseif") + "(" + self.expr(depth) + ")" + self.ws()
                out += self.block(depth - 1, 2)
            if self.chance(0.5):
                out += self.ws() + self.directive_name("else") + self.ws() + self.block(depth - 1, 2)
            return out + self.ws() + self.directive_name("end") + post
        if k < 0.67:
            var = self.pick(["$i", "$item", "$v", "$x"])
            it = self.pick([self.range_lit(), self.list_lit(depth), "$list", "$map", "$input.path('$.tags')",
                            "$input.path('$')", "$input.path('$.items')", "$s", "$n", "$undefined",
                            "$input.params().header.keySet()", "$map.entrySet()", "$context.identity"])
            body = self.block(depth - 1, 3)
            if self.chance(0.3):
                body += self.pick(["#if($foreach.hasNext),#end", "$velocityCount", "$foreach.index",
                                   "#if($velocityHasNext) #end", "#break", "$foreach.first", "$foreach.parent"])
            return (pre + self.directive_name("foreach") + "(" + var + " in " + it + ")" + post + body
                    + self.ws() + self.directive_name("end") + post)
        if k < 0.74:
            name = self.pick(["m", "show", "kv", "row"])
            params = " ".join("$" + self.pick(["a", "b", "c"]) for _ in range(self.r.randint(0, 2)))
            self.macros.append(name)
            return (pre + "#macro(" + name + (" " + params if params else "") + ")" + post
                    + self.block(depth - 1, 2) + self.pick(["$a", "$b", ""]) + "#end" + post)
        if k < 0.8 and self.macros:
            args = self.pick([" ", ", "]).join(self.expr(0, simple=True) for _ in range(self.r.randint(0, 2)))
            return pre + "#" + self.pick(self.macros) + "(" + args + ")" + post
        if k < 0.84:
            return pre + self.pick(["#break", "#stop", "#break($foreach)", "#stop('m')"]) + post
        if k < 0.88:
            return (pre + "#define($" + self.pick(["d", "block", "x"]) + ")" + self.block(depth - 1, 2)
                    + "#end" + post + self.pick(["$d", "$block", ""]))
        if k < 0.91:
            inner = self.pick(["#set($x = 5)$x", "$n + 1", "#if($x)a#end", "$list.size()", "#foreach($q in [1])$q#end",
                               "$", "#if(", "'quoted'"])
            return pre + "#evaluate(" + self.pick([vtl_single(inner), vtl_double(inner), "$s"]) + ")" + post
        if k < 0.94:
            return pre + self.pick(["## comment\n", "##\n", "#* multi\nline *#", "#** doc *#", "#[[ raw $x #if ]]#",
                                    "## tail"]) + post
        if k < 0.97:
            return self.pick(["\\$x", "\\\\$x", "\\#if(true)", "\\\\#if(true)x#end", "\\#set", "\\#foo", "\\\\\\$n",
                              "$\\!x", "\\${x}", "\\$!x"])
        return self.pick(["#{else}", "#end", "#if(", "#foreach($i)", "#set($x)", "$a.b(", "${a", "#macro()", "#else",
                          ")", "#{", "#elseif(true)"])

    def template(self):
        prelude = ""
        if self.chance(0.7):
            prelude = self.pick([
                "#set($x = 'xv')#set($n = 3)#set($s = 'a,b,c')#set($list = [1, 'two', 3.5])#set($map = {'a': 1, 'b': [2, 3]})",
                "#set($x = 1)\n#set($list = ['a', 'b'])\n#set($map = {})\n",
                "#set($obj = $input.path('$'))#set($list = $input.path('$.tags'))#set($s = $input.params('q'))",
                "#set( $n = 10 )#set( $flag = true )#set( $d = 2.5 )",
            ])
        self.macros = []
        return prelude + self.block(3, 6)


SOUP = ["$", "$!", "${", "$!{", "}", "{", "#", "##", "#*", "*#", "#**", "#[[", "]]#", "\\", "\\\\", "\\$", "\\#",
        "(", ")", "[", "]", ",", ".", "..", ":", "'", "\"", "''", "\"\"", " ", "  ", "\t", "\n", "\r\n", "\r",
        "=", "==", "!=", "!", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "and", "or", "not", "eq",
        "x", "y", "a", "in", "1", "-1", "2.5", "1..3", "true", "false", "null", "set", "if", "else", "elseif",
        "end", "foreach", "macro", "define", "evaluate", "break", "stop", "literal", "include", "parse", "m",
        "#set(", "#if(", "#else", "#end", "#{end}", "#elseif(", "#foreach(", "#macro(", "#m(", "#{if}(",
        "#{else}", "#define(", "#evaluate(", "#break", "#stop", "$x", "$x.y", "$x.y()", "$x[0]", "${x}", "$!x",
        "$list", "$map.a", "$s.length()", "$input.path('$.a')", "$foreach.index", "$velocityCount", "@",
        "é", "😀", "\u2028", "-", "_", "x-y", "$a-b", "#a", "#@m(", "#{", "$.", "$[", "$!["]


def soup(r):
    """A random run of fragments: exercises the lexer's states and the parser's recovery."""
    prelude = "#set($x = 'X')#set($list = [1, 2])#set($map = {'a': 'A'})#set($s = 'str')#macro(m $p)<$p>#end"
    return prelude + "".join(r.choice(SOUP) for _ in range(r.randint(3, 40)))
