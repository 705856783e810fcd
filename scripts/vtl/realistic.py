"""Templates as people write them for API Gateway, with randomised details: JSON bodies
built from $input.path, loops with $foreach.hasNext commas, #if chains on parameters,
escaping, overrides, string methods, arithmetic, whitespace layouts, macros."""

import json

from .base import BODIES, PET, STRINGS, vtl_double, vtl_single

INDENTS = ["", "  ", "    ", "\t"]
NEWLINES = ["\n", "\r\n"]


def layout(r, lines):
    """Joins template lines with a random newline style and indentation of directives."""
    nl = r.choice(NEWLINES) if r.random() < 0.15 else "\n"
    ind = r.choice(INDENTS)
    out = []
    for line in lines:
        if line.lstrip().startswith("#") and r.random() < 0.5:
            out.append(ind + line.lstrip())
        else:
            out.append(line)
        if r.random() < 0.08:
            out.append("")
        if r.random() < 0.05:
            out[-1] += r.choice([" ", "  ", "\t"])
    text = nl.join(out)
    if r.random() < 0.5:
        text += nl
    return text


def json_from_path(r):
    fields = [("id", "$.id", False), ("name", "$.name", True), ("type", "$.type", True),
              ("price", "$.price", False), ("available", "$.available", False), ("tags", "$.tags", False),
              ("city", "$.owner.address.city", True), ("firstTag", "$.tags[0]", True),
              ("missing", "$.missing", True), ("notes", "$.notes", True), ("owner", "$.owner", False),
              ("vaccines", "$.vaccines", False), ("year", "$.vaccines[1].year", False)]
    r.shuffle(fields)
    fields = fields[: r.randint(2, 7)]
    root = r.random() < 0.5
    lines = []
    if root:
        lines.append("#set($inputRoot = $input.path('$'))")
    lines.append("{")
    for i, (k, path, quoted) in enumerate(fields):
        comma = "," if i < len(fields) - 1 else ""
        style = r.random()
        if style < 0.4:
            v = "$input.json('%s')" % path
            quoted = False
        elif root and style < 0.7 and "[" not in path:
            v = "$inputRoot" + path[1:]
        else:
            v = "$input.path('%s')" % path
        if quoted and r.random() < 0.3:
            v = "$util.escapeJavaScript(%s)" % v
        lines.append('  "%s": %s%s' % (k, '"%s"' % v if quoted else v, comma))
    lines.append("}")
    return layout(r, lines), json.dumps(PET, indent=r.choice([None, 2])), ["json", "input"]


def foreach_commas(r):
    src, item_fields = r.choice([
        ("$input.path('$')", ["id", "type", "price"]),
        ("$input.path('$.items')", ["sku", "qty", "unit"]),
        ("$input.path('$.Items')", ["id.S", "name.S"]),
        ("$input.path('$.vaccines')", ["name", "year"]),
    ])
    body = {"$input.path('$')": BODIES[2], "$input.path('$.items')": BODIES[3],
            "$input.path('$.Items')": BODIES[5], "$input.path('$.vaccines')": BODIES[0]}[src]
    if r.random() < 0.15:
        body = BODIES[4]
    var = r.choice(["$item", "$elem", "$it"])
    fields = item_fields[: r.randint(1, len(item_fields))]
    inner = ", ".join('"%s": "%s.%s"' % (f.split(".")[0], var, f) if r.random() < 0.5
                      else '"%s": %s.%s' % (f.split(".")[0], var, f) for f in fields)
    sep = r.choice(["#if($foreach.hasNext),#end", "#if($velocityHasNext),#end", "#if($foreach.count < $list.size()),#end",
                    "#if(!$foreach.last),#end", "#if($foreach.index != $list.size() - 1),#end"])
    lines = ["#set($list = %s)" % src, "[", "#foreach(%s in $list)" % var, "  {%s}%s" % (inner, sep), "#end", "]"]
    if r.random() < 0.3:
        lines.insert(1, '{"count": $list.size(), "items":')
        lines.append("}")
    return layout(r, lines), body, ["foreach", "json"]


def params_chain(r):
    name = r.choice(["type", "id", "limit", "q", "flag", "empty", "nope", "petId", "owner", "n"])
    values = r.sample(["cat", "dog", "10", "42", "true", "", "from-path", "hello world", "5"], 3)
    op = r.choice(["==", "eq", "!="])
    lines = ["#set($v = $input.params('%s'))" % name]
    lines.append("#if($v %s %s)" % (op, vtl_single(values[0])))
    lines.append("first")
    for v in values[1:]:
        lines.append("#elseif($v == %s)" % vtl_double(v))
        lines.append("other-%s" % v.replace(" ", "_"))
    if r.random() < 0.7:
        lines.append("#else")
        lines.append(r.choice(["none: [$v]", "$!v", "${v}x", "$v.length()"]))
    lines.append("#end")
    if r.random() < 0.3:
        lines.append("|$input.params().querystring.get('%s')|$input.params().path.%s" % (name, name))
    return layout(r, lines), r.choice(BODIES), ["if", "params"]


def overrides(r):
    status = r.choice(["400", "201", "'418'", "$input.path('$.n')", "500", "204"])
    lines = []
    if r.random() < 0.5:
        lines.append("#set($context.responseOverride.status = %s)" % status)
    lines.append('#set($context.responseOverride.header.%s = "%s")' % (
        r.choice(["Location", "X-Custom", "Cache-Control"]), r.choice(["/pets/$input.params('petId')", "max-age=$stageVariables.timeout", "v"])))
    if r.random() < 0.5:
        lines.append("#set($context.requestOverride.header.X-Trace = $context.requestId)")
    if r.random() < 0.4:
        lines.append("#set($context.requestOverride.querystring.page = '2')")
    if r.random() < 0.3:
        lines.append("#set($context.requestOverride.path.petId = 'p-$input.params(\"petId\")')")
    if r.random() < 0.2:
        lines.append("#set($context.responseOverride = {})")
    lines.append(r.choice(["done", '{"ok": true}', "$context.responseOverride", "$context.requestOverride.header"]))
    return layout(r, lines), BODIES[7], ["context", "overrides"]


def string_methods(r):
    s = r.choice(STRINGS + ["Hello, World", "a-b-c", "  x  "])
    calls = r.sample([
        "length()", "toUpperCase()", "toLowerCase()", "trim()", "isEmpty()", "substring(1)", "substring(0, 3)",
        "substring(2, 1)", "substring(-1)", "substring(%d)" % r.randint(0, 12), "charAt(0)", "charAt(%d)" % r.randint(0, 8),
        "indexOf('a')", "indexOf('l', 3)", "lastIndexOf('o')", "indexOf(97)", "contains('b')", "contains('')",
        "startsWith('H')", "endsWith('c')", "replace('a', 'X')", "replace('', '-')", "concat('!')",
        "equals('abc')", "equalsIgnoreCase('ABC')", "compareTo('b')", "compareToIgnoreCase('A')",
        "split(',')", "split(',').size()", "split('-', 2)", "split('')", "matches('[a-z]+')", "replaceAll('[aeiou]', '*')",
        "replaceFirst('l', 'L')", "replaceAll('(\\w)(\\w)', '$2$1')", "strip()", "isBlank()", "repeat(3)",
        "hashCode()", "toString()", "intern()", "codePointAt(0)", "subSequence(0, 1)", "contentEquals('abc')",
        "startsWith('b', 1)", "indexOf('')", "lastIndexOf('')", "empty", "blank", "class.name"], r.randint(3, 8))
    var = "$s"
    lines = ["#set($s = %s)" % (vtl_single(s) if r.random() < 0.6 else vtl_double(s))]
    lines.append("|".join("%s.%s" % (var, c) for c in calls))
    return layout(r, lines), r.choice(BODIES), ["string"]


def arithmetic(r):
    nums = ["0", "1", "-1", "7", "2", "3", "10", "2147483647", "-2147483648", "9223372036854775807",
            "4294967296", "46341", "1.5", "0.1", "2.0", "1e3", "-0.5", "100000000000000000000",
            "$input.path('$.n')", "$input.path('$.big')", "$input.path('$.f')", "$input.path('$.tiny')",
            "$input.path('$.max')", "$input.path('$.lmax')", "$input.params('n')", "'5'", "$undefined", "'a'",
            "$input.path('$.z')", "$input.path('$.neg')"]
    lines = []
    for i in range(r.randint(1, 5)):
        a, b = r.choice(nums), r.choice(nums)
        op = r.choice(["+", "-", "*", "/", "%"])
        lines.append("#set($r%d = %s %s %s)" % (i, a, op, b))
        lines.append("[$r%d]" % i)
    if r.random() < 0.4:
        lines.append("#set($c = 1)#foreach($k in [1..%d])#set($c = $c * %s)#end$c" % (r.randint(5, 70), r.choice(["2", "3", "10", "-2", "1.5"])))
    if r.random() < 0.3:
        lines.append("#if(%s %s %s)yes#{else}no#end" % (r.choice(nums), r.choice(["<", ">", "==", "!=", "<=", ">="]), r.choice(nums)))
    return layout(r, lines), BODIES[7], ["arith"]


def compare(r):
    vals = ["1", "1.0", "'1'", "true", "'true'", "$undefined", "''", "$input.path('$.missing')", "[1]", "[1]",
            "{}", "$null", "'abc'", "\"abc\"", "2", "-0.0", "0", "$input.path('$.flag')", "$input.path('$.str')",
            "$input.path('$.nil')", "$input.path('$.zero')", "$input.path('$.emptyList')", "'false'", "false"]
    lines = []
    for _ in range(r.randint(2, 6)):
        a, b = r.choice(vals), r.choice(vals)
        op = r.choice(["==", "!=", "<", ">", "<=", ">=", "&&", "||"])
        lines.append("#if(%s %s %s)T#{else}F#end" % (a, op, b))
    if r.random() < 0.5:
        lines.append("#if(%s)t#{else}f#end" % r.choice(vals + ["!$undefined", "!''", "'false'", "0", "\"$x\""]))
    return "".join(lines) if r.random() < 0.6 else layout(r, lines), BODIES[9], ["compare"]


def whitespace(r):
    pieces = []
    for _ in range(r.randint(2, 7)):
        pre = r.choice(["", " ", "  ", "\t", "x ", "\n", "\n  ", "a\n\t"])
        post = r.choice(["", "\n", " \n", "  ", "\r\n", "\n\n", " x"])
        d = r.choice(["#set($a = 1)", "#set( $b = 'x' )", "#if(true)", "#else", "#end", "#if($a)", "#{end}",
                      "#foreach($i in [1,2])", "$a", "## c", "#* c *#", "text", "$i", "#{else}", "#elseif(false)"])
        pieces.append(pre + d + post)
    t = "".join(pieces)
    return t, "{}", ["whitespace"]


def macros(r):
    defs = [
        "#macro(kv $k $v)\"$k\": \"$util.escapeJavaScript($v)\"#end",
        "#macro( row $a $b )\n  <tr><td>$a</td><td>$b</td></tr>\n#end",
        "#macro(twice $x)$x$x#end",
        "#macro(count $n)#if($n > 0)$n #set($m = $n - 1)#count($m)#end#end",
        "#macro(setit $v)#set($v = 'changed')[$v]#end",
        "#macro(noargs)NA#end",
        "#macro(list $items)#foreach($i in $items)<$i>#end#end",
    ]
    chosen = r.sample(defs, r.randint(1, 3))
    calls = []
    for d in chosen:
        name = d.split("(")[1].split(")")[0].split()[0]
        args = {"kv": ["'a' 'b'", "'q', \"it's\"", "$input.params('name') $input.path('$.name')"],
                "row": ["1 2", "'x' $undefined"], "twice": ["'ab'", "[1]", "$n", "\"$n!\"", "$list.add(1)"],
                "count": ["3", "0", "$n"], "setit": ["$x", "'lit'"], "noargs": ["", "1"],
                "list": ["[1, 2]", "$input.path('$.tags')", "$map"]}[name]
        calls.append("#%s(%s)" % (name, r.choice(args)))
    pre = "#set($n = 2)#set($x = 'orig')#set($list = [])#set($map = {'k': 'v'})"
    lines = [pre] + chosen + calls + (["[$x]$list"] if r.random() < 0.5 else [])
    return layout(r, lines), BODIES[0], ["macro"]


def escapes(r):
    parts = []
    for _ in range(r.randint(2, 6)):
        parts.append(r.choice(["\\$x", "\\\\$x", "\\\\\\$x", "\\$undefined", "\\\\$undefined", "\\#if(true)x#end",
                               "\\\\#if(true)x#end", "\\#set($y = 1)", "\\#foreach", "\\#macro", "\\#end", "\\\\#end",
                               "$x\\", "\\", "\\\\", "#[[$x]]#", "\\${x}", "\\$!x", "$\\!x", "\\#{if}", "\\\\\\#if(true)",
                               "\\n", "a\\b", "$", "#", "$!", "$!{x}", "${x}", "$x.", "#x", "#x(1)"]))
    t = "#set($x = 'V')#macro(m)M#end" + r.choice(["", " ", "\n"]).join(parts)
    return t, "{}", ["escape"]


def util_funcs(r):
    s = r.choice(STRINGS + ["a b&c=d/e?f", "%C3%A9", "aGVsbG8gd29ybGQ=", "w6k=", "not base64!", "%", "%zz", "a+b",
                            "YQ", "YQ=", "YQ==", "Y", "{\"a\": 1}", "[1, 2]", "{bad"])
    fn = r.choice(["escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson"])
    arg = r.choice([vtl_single(s), "$input.path('$.s')", "$input.path('$.u')", "$input.body", "42", "$undefined",
                    "$input.json('$')", "$input.path('$')"])
    t = "$util.%s(%s)" % (fn, arg)
    if r.random() < 0.3:
        t = '{"v": "%s"}' % t
    if fn == "parseJson" and r.random() < 0.5:
        t = "#set($o = $util.parseJson(%s))$o|$o.size()|$o.a" % arg
    return t, BODIES[6], ["util"]


def collections(r):
    ops = ["#set($m = {'a': 1, 'b': [2, 3], 'c': {'d': 'e'}})", "#set($l = [1, 'two', [3], {'k': 'v'}])",
           "$m", "$l", "$m.a", "$m.b[1]", "$m.c.d", "$m['c']['d']", "$l[-1]", "$l[3].k", "$l.get(0)",
           "$m.put('z', 26)", "$m.remove('a')", "$l.add('x')", "$l.remove(0)", "$l.indexOf('two')",
           "$l.contains(1)", "$m.containsKey('b')", "$m.keySet()", "$m.values()", "$m.entrySet()",
           "#foreach($e in $m.entrySet())$e.key=$e.value;#end", "#foreach($v in $m)[$v]#end", "$l.size()",
           "#set($m.new = 'n')", "#set($l[0] = 'first')", "$l.subList(0, 2)", "$m.isEmpty()", "$l.isEmpty()",
           "$m.getOrDefault('q', 'dflt')", "#set($copy = $l)$copy.add(9)$l", "$l.equals([1])", "$m.size()",
           "$input.path('$.matrix')", "$input.path('$.nested.a.b.c')", "$input.path('$.nested')",
           "#set($j = $input.path('$.matrix'))$j.add([5])$j", "$input.path('$.matrix[0]').size()",
           "$l.addAll([7, 8])", "$m.putAll({'y': 1})", "$l.clear()", "$m.clear()", "$l[9]", "$m.nope.deeper"]
    chosen = ops[:2] + r.sample(ops[2:], r.randint(3, 9))
    return r.choice(["", "|", "\n"]).join(chosen), BODIES[8], ["nested", "collections"]


def evaluate_define(r):
    t = r.choice([
        "#define($hello)Hello $name!#end#set($name = 'Ann')$hello #set($name = 'Bob')$hello",
        "#set($src = '#set($q = 7)$q')#evaluate($src)|$q",
        "#evaluate('#if(true)yes#end')",
        "#evaluate(\"$input.params('name')\")",
        "#define($d)[$d]#end$d",
        "#define($x)X#end$x.length()|#if($x == 'X')eq#end",
        "#evaluate('#macro(em $a)<$a>#end')#em('z')",
        "#set($t = '#foreach($i in [1..3])$i#end')#evaluate($t)#evaluate($t)",
        "#evaluate('#if(')",
        "#evaluate('$undefined.method()')",
        "#foreach($i in [1..5])#if($i == 3)#break#end$i#end",
        "#foreach($i in [1..3])#foreach($j in [1..3])#if($j == 2)#break($foreach.parent)#end$i$j #end#end",
        "a#stop b",
        "#set($x = 1)#if($x)#stop#end never",
    ])
    return t, "{}", ["macro", "directive"]


def mutate(r, template):
    """A malformed variant: a cut, a dropped or doubled character, a stray directive."""
    if not template:
        return "#end"
    k = r.random()
    i = r.randrange(len(template))
    if k < 0.3:
        return template[:i]
    if k < 0.55:
        return template[:i] + template[i + 1:]
    if k < 0.7:
        return template[:i] + template[i] + template[i:]
    return template[:i] + r.choice(["#end", "#else", ")", "(", "#if(", "${", "\"", "'", "#set(", "]", "$!{"]) + template[i:]


def jsonpath_queries(r):
    paths = ["$.items[*].sku", "$..sku", "$.items[?(@.qty > 0)].sku", "$.items[0:2]", "$.items[-1:]", "$.items[1]",
             "$.items.length()", "$['customer']['id']", "$.customer.*", "$.items[*]", "$..qty", "$.items[?(@.unit < 10)]",
             "$.nope[*]", "$.items[5]", "$", "$.customer", "customer.id", "$.items[0,2].qty", "$[?(@.vip)]"]
    parts = []
    for _ in range(r.randint(1, 4)):
        p = r.choice(paths)
        parts.append(r.choice(["$input.json('%s')", "$input.path('%s')", "$input.path('%s').size()",
                               "#foreach($v in $input.path('%s'))[$v]#end"]) % p)
    return r.choice(["|", "\n", ", "]).join(parts), BODIES[3], ["input", "jsonpath"]


def dynamodb(r):
    lines = ["#set($inputRoot = $input.path('$'))", "{", '  "TableName": "Pets-$stageVariables.env",', '  "Item": {',
             '    "id": {"S": "$context.requestId"},',
             '    "name": {"S": "$util.escapeJavaScript($inputRoot.name)"},',
             '    "price": {"N": "$inputRoot.price"},']
    if r.random() < 0.6:
        lines.append('    "tags": {"SS": [#foreach($t in $inputRoot.tags)"$t"#if($foreach.hasNext),#end#end]},')
    lines.append('    "owner": {"M": {"name": {"S": "$inputRoot.owner.name"}}}')
    lines += ["  }", "}"]
    return layout(r, lines), BODIES[0], ["json", "dynamodb"]


def xml_output(r):
    lines = ["#set($root = $input.path('$'))", '<?xml version="1.0" encoding="UTF-8"?>', "<pets>",
             "#foreach($p in $root)", '  #if($p.price > %s)' % r.choice(["100", "200", "0.5", "$undefined"]),
             '  <pet id="$p.id" kind="$p.type">$p.price</pet>', "  #else", "  <cheap id=\"$p.id\"/>", "  #end",
             "#end", "</pets>"]
    return layout(r, lines), BODIES[2], ["xml"]


def loop_limits(r):
    n = r.choice([999, 1000, 1001, 1500, 3])
    t = r.choice([
        "#set($c = 0)#foreach($i in [1..%d])#set($c = $c + 1)#end$c" % n,
        "#foreach($i in [1..%d])#if($velocityCount == %d)last=$i#end#end" % (n, min(n, 1000)),
        "#set($c = 0)#foreach($i in [1..40])#foreach($j in [1..40])#set($c = $c + 1)#end#end$c",
        "#macro(r $d)#if($d > 0)#set($e = $d - 1)#r($e)#end$d#end#r(%d)" % r.choice([5, 18, 19, 20, 21, 25]),
        "#set($l = [])#foreach($i in [1..%d])#set($_ = $l.add($i))#end$l.size()" % n,
    ])
    return t, "{}", ["foreach", "limits"]


def concat(r):
    parts = [r.choice(["$a", "${a}", "$b", "'lit'", "\"q\"", "$n", "1", "2.5", "$undefined", "$list", "$map"])
             for _ in range(r.randint(2, 4))]
    expr = r.choice([" + ".join(parts), '"' + "".join(p.strip("'\"") for p in parts) + '"'])
    t = "#set($a = 'A')#set($b = 'B')#set($n = 3)#set($list = [1])#set($map = {'k': 1})#set($r = %s)[$r]" % expr
    return t, "{}", ["string", "arith"]


STRING_RECEIVERS = ["abc", "Hello, World", "", "a,b,,c", " pad ", "42", "-7", "3.5", "true", "\u00e9\u20ac"]
RECEIVERS = ["$s%d" % i for i in range(len(STRING_RECEIVERS))] + [
    "$i", "$l", "$d", "$b", "$big", "$dec", "$list", "$map", "$arr", "$ch", "$input.path('$.tags')",
    "$input.path('$.owner')", "$input.path('$.price')", "$input.path('$.id')", "$n", "$keys", "$entry"]
METHODS = ["length", "size", "isEmpty", "get", "charAt", "substring", "indexOf", "lastIndexOf", "contains", "startsWith",
           "endsWith", "replace", "equals", "equalsIgnoreCase", "compareTo", "concat", "split", "trim", "toUpperCase",
           "intValue", "longValue", "doubleValue", "toString", "hashCode", "add", "remove", "put", "containsKey",
           "containsValue", "keySet", "values", "indexOf", "subList", "set", "parseInt", "valueOf", "booleanValue",
           "isNaN", "max", "min", "abs", "signum", "negate", "getOrDefault", "putIfAbsent", "clear", "addAll", "join",
           "repeat", "strip", "matches", "replaceAll", "toLowerCase", "empty", "first", "getKey", "getValue", "key",
           "value", "isBlank", "compareToIgnoreCase", "codePointAt", "toCharArray", "parseLong", "parseDouble",
           "sum", "toHexString", "containsAll", "retainAll", "lastIndexOf", "entrySet", "putAll", "replaceFirst"]
ARGS = ["0", "1", "-1", "2", "10", "2147483647", "3000000000", "1.5", "'a'", "'b'", "''", "','", "'l'", "true",
        "$undefined", "[1, 2]", "{'k': 1}", "$ch", "$big", "'\\w+'", "'x'", "'99'", "'k'", "$i", "$l", "$list", "$map"]


def methods(r):
    pre = "".join("#set($s%d = %s)" % (i, vtl_single(v)) for i, v in enumerate(STRING_RECEIVERS))
    pre += ("#set($i = 42)#set($l = 3000000000)#set($d = 2.5)#set($b = true)#set($big = 99999999999999999999)"
            "#set($list = [1, 'two', 3.5])#set($map = {'k': 'v', 'n': 1})#set($x = 'x,y,z')#set($arr = $x.split(','))"
            "#set($ch = $x.charAt(1))#set($dec = $input.path('$.dec'))#set($keys = $map.keySet())"
            "#foreach($e in $map.entrySet())#set($entry = $e)#end")
    parts = []
    for _ in range(r.randint(2, 6)):
        recv = r.choice(RECEIVERS)
        m = r.choice(METHODS)
        if recv == "$arr" and m in ("hashCode", "toString", "equals"):
            m = "size"  # Java arrays: identity hash and toString
        n = r.choice([0, 1, 1, 2])
        args = ", ".join(r.choice(ARGS) for _ in range(n))
        if r.random() < 0.2:
            parts.append("%s.%s" % (recv, m))
        else:
            parts.append("%s.%s(%s)" % (recv, m, args))
    if r.random() < 0.3:
        parts.append("$list|$map")
    body = json.dumps({"tags": ["a", "b"], "owner": {"name": "Ann"}, "price": 9.99, "id": 7, "dec": 1.5})
    body = body.replace('"dec": 1.5', '"dec": 1.23456789012345678901')
    return pre + "|".join("[" + p + "]" for p in parts), body, ["methods"]


GENERATORS = [
    ("json", json_from_path, 10), ("foreach", foreach_commas, 10), ("params", params_chain, 8),
    ("overrides", overrides, 5), ("string", string_methods, 10), ("arith", arithmetic, 9),
    ("compare", compare, 8), ("whitespace", whitespace, 10), ("macro", macros, 6), ("escape", escapes, 6),
    ("util", util_funcs, 8), ("collections", collections, 8), ("evaluate", evaluate_define, 4),
    ("jsonpath", jsonpath_queries, 6), ("dynamodb", dynamodb, 3), ("xml", xml_output, 3),
    ("limits", loop_limits, 3), ("concat", concat, 5), ("methods", methods, 10),
]
