#!/usr/bin/env python3
"""Builds Tests/JSONPathTests/Fixtures/jsonpath-cases.jsonl: JSONPath + json-smart cases
with the expectations of the VTL oracle (Velocity 1.7 + Jayway JsonPath 2.0.0 + json-smart
2.2, see /work/shared/tools/vtl-oracle).

Each case renders `$input.json($p)` (mode "json") or `$input.path($p)` (mode "path") with
the path passed as a query-string parameter, so no template escaping is involved:

    {"id": "...", "mode": "json"|"path", "path": "...", "body": "...",
     "expect": {"output": "..."} | {"error": "...", "errorType": "runtime"}}

Usage: scripts/gen_jsonpath_fixtures.py [--oracle DIR] [--out FILE] [--seed N]
The oracle folder is copied to a writable temp dir if needed (its build/ must be writable).
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(REPO, "Tests", "JSONPathTests", "Fixtures", "jsonpath-cases.jsonl")

cases = []


def add(group, path, body, mode="json"):
    cases.append({"group": group, "mode": mode, "path": path, "body": body})


# ---------------------------------------------------------------------------------------
# Documents

STORE = json.dumps({
    "store": {
        "book": [
            {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
            {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
            {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
            {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99},
        ],
        "bicycle": {"color": "red", "price": 19.95},
    },
    "expensive": 10,
}, separators=(",", ":"))

PETS = ('{"pets":[{"id":1,"type":"dog","price":249.99,"tags":["a","b"],"owner":null},'
        '{"id":2,"type":"cat","price":124.99,"tags":[],"owner":{"name":"Ann"}},'
        '{"id":3,"type":"fish","price":0.99,"available":true}],'
        '"meta":{"count":3,"next":"https://api.example.com/pets?page=2","empty":{},"list":[1,2,3,4,5,6]},'
        '"id":"abc/def","flag":false,"nothing":null,"n":-12,"big":12345678901234567890,"f":1.5e10}')

MIXED = ('{"a":{"b":{"c":1,"d":[1,{"c":2},[3,{"c":4}]]}},"arr":[0,1,2,3,4,5,6,7,8,9],'
         '"objs":[{"k":"x","v":1},{"k":"y","v":"2"},{"k":"z"},{"v":null},"str",5,[1]],'
         '"s":"text","t":true,"z":0,"neg":-1.5,"e":"","nul":null,"sp ace":1,"do.t":2,"q\'uote":3,'
         '"uni":"\u00e9\u20ac\u2028","-1":"minus","0":"zero","*":"star","$":"dollar","@":"at"}')

DOCS = {"store": STORE, "pets": PETS, "mixed": MIXED}

# ---------------------------------------------------------------------------------------
# A. Reader / writer through "$"

NUMBERS = [
    "0", "-0", "1", "-1", "007", "-007", "00", "-00", "2147483647", "2147483648", "-2147483648", "-2147483649",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "99999999999999999999", "000000000000000000001", "-0000000000000000000000", "12345678901234567890123",
    "1.0", "10.00", "1e3", "1E3", "1e+3", "1e-3", "1.5e300", "1e999", "-1e999", "1e-999", "0.1", "0.001", "0.0001",
    "0.00012345", "1234567.0", "12345678.9", "1e7", "9999999.0", "10000000.0", "9999999.999", "0.30000000000000004",
    "3.14159265358979323846", "1.0000000000000000000e10", "123456789012345678.5", "-.5", "1.", "1.e5", "-0.0",
    "0.0", "-0.0e5", "100.0e-2", "1.7976931348623157E308", "4.9E-324", "2.2250738585072014E-308",
    "0.000000000000000000001", "123456789.123456789123", "1e0", "1.25E-7", "-1.25E+7", "5e-324", "1.0E-5",
    "-", "-a", "1e", "1e+", "1e-", "1ex", "1.5.3", "12 34", "12é", "12~", "-.", "-e5", "1.5f", "1d", "0x1F",
    "NaN", "-NaN", "NaNa", "Infinity", "-Infinity", "+1", "1_000", "1,5", "٣", ".5", "1e5e5", "1E+", "-1.e-3",
    "123456789012345678", "1234567890123456789", "0.1234567890123456", "0.12345678901234567", "1.1234567890123456",
    "18014398509481985.0", "2.82879384806159E17", "5.684341886080802E-14", "1.9400994884341945E25",
]

STRINGS = [
    r'"plain"', r"'single'", r'"a\"b"', r"'a\'b'", r"'a\"b'", r'"it\'s"', r'"tab\there"', r'"nl\nx"', r'"cr\rx"',
    r'"bs\\x"', r'"sl\/x"', r'"u\u0041\u00e9\u20ac"', r'"\ud83d\ude00"', r'"\x41\x7e"', r'"\q\w"', r'"\u12"',
    r'"\u00"', r'"\uZZZZ"', r'"b\bf\f"', r'"\u0000\u0001\u001f\u007f\u0080\u009f\u00a0"',
    r'"\u2000\u2028\u2029\u20ac\u20ff\u2100"', r'"é中文😀"', r'"/slashes/"', r'"<script>"', r'""', r"''",
    '"raw\ttab"', '"raw\x01ctl"', '"raw\x01ctl\\n"', '"raw\x7fdel\\t"', '"a\x1ab"', '"a\x1a\\nb"', '"\u00e9\\u00e9"',
    '"\u2028raw"', '"\u0085raw"', r'"trail\\"', r'"\ud800"', r'"\udc00x"', r'"\ud800\u0041"', r'"\ud83d"',
    '"unterminated', "'mixed\"", r'"a\u0022b"', r'"a\u005cb"', r'"\/\/"', '"  padded  "',
]

STRUCTURES = [
    '{}', '[]', '{"a":1}', '[1,2,3]', '{"a":1,}', '[1,2,]', '[,1]', '[,]', '[1,,2]', '{,"a":1}', '{"a":1,,"b":2}',
    '{"a":1 "b":2}', '["a" "b"]', '[[1][2]]', '[{"a":1}{"b":2}]', '{a:1}', '{a b:1}', "{'a':'b'}", '{"a":b}',
    '{"a":hello world}', '{"a": x , "b" : y }', '[a, b c, d]', '{"a":1,"b":2,"a":3}', '{"a":{"x":1},"a":[2]}',
    '{"b":1,"a":2,"c":3}', '{"a":1} trailing', '[1] [2]', '"abc" x', '123 abc', '123', '"str"', 'true', 'false',
    'null', 'abc', '  hello world  ', 'tru', 'nul', 'True', '{"a":true,"b":false,"c":null}', '{"a":tru e}',
    '{"a":nullx}', '{"a": true }', '[true ,false , null ]', '{"a":-}', '[-]', '{"a":"x"}x', ' {"a":1} ',
    '\n\t{"a":\n1}\r\n', '\x0b{"a":1}', '{"a":\x0b1}', '[\x0b]', '[\x01]', '{"\x01a":1}', '{ "a" : 1 }',
    '{"":1}', '{"a":{}}', '{"a":[]}', '[[]]', '[[[[[]]]]]', '{"a":[{"b":[{"c":[]}]}]}', '{"a"', '{"a":', '{"a":1',
    '[1,2', '{a', '[', '{', ']', '}', ':', '{"a" 1}', '[}', '{"a":}', '{"a":1,:}', '{:1}', '{"a"::1}', '[1:2]',
    '{"a":[}', '{[1]:2}', '{"a":1}}', '[1]]', '{"a":1]', '{"x":"y"\x1a}', '\x1a', '[1\x1a]', '{"a":1}\x1a',
    '{"a":"b\x1a"}', 'x\x1ay', '{"a":"b"' + '\x1a' + ',"c":1}', '{"a\\"b":1}', "{'a\"b':1}", '{"a":"\\u00"}',
    '{"k":[1, 2 ,3 ]}', '{"k": [ "a" , "b" ] }', '[1 ,]', '{"a":1 ,}', '["x",\'y\',z]', '{"a":-0.0}',
    '{"a":NaN,"b":-NaN}', '{"k":"v","k2":{"n":[1,{"m":"/"}]}}', '[null]', '[null,null]', '{"a":null}',
]

for n in NUMBERS:
    add("number", "$", "[" + n + "]")
    add("number", "$", '{"v":' + n + "}")
    add("number", "$", n)
    add("number-path", "$", "[" + n + "]", mode="path")
for s in STRINGS:
    add("string", "$", "[" + s + "]")
    add("string", "$", s)
    add("string", "$", '{"k":' + s + "}")
    add("string-path", "$", "[" + s + "]", mode="path")
for b in STRUCTURES:
    add("structure", "$", b)
    add("structure-path", "$", b, mode="path")
for depth in (100, 399, 400, 401, 600):
    add("depth", "$", "[" * depth + "]" * depth)
    add("depth", "$", '{"a":' * depth + "1" + "}" * depth)
add("depth", "$", "[" * 3000)

# ---------------------------------------------------------------------------------------
# B. Path syntax over the documents

PATHS = [
    "$", "$.store", "$.store.book", "$.store.book[0]", "$.store.book[0].title", "$.store.book[-1]",
    "$.store.book[-1:]", "$.store.book[:2]", "$.store.book[1:3]", "$.store.book[0,1]", "$.store.book[0,9]",
    "$.store.book[*].author", "$..author", "$.store.*", "$.store..price", "$..book[2]", "$..book[-2:]",
    "$..book[0,1]", "$..book[:2]", "$..book[?(@.isbn)]", "$..book[?(!@.isbn)]", "$.store.book[?(@.price < 10)]",
    "$..book[?(@.price <= $['expensive'])]", "$..book[?(@.author =~ /.*REES/i)]", "$..*", "$..book.length()",
    "$.store.book[?(@.category == 'fiction')].title", "$.store.book[?(@.category != 'fiction')].title",
    "$.store.book[?(@.price > 10 && @.category == 'fiction')].title", "$.store.book[?(@.price < 9 || @.price > 20)].title",
    "$.store.book[?(@.price >= 8.99)].price", "$.store.book[?(@.price == 8.95)].price", "$['store']['bicycle']",
    "$['store']['bicycle']['color','price']", "$.store.bicycle['color','nope']", "$.store.bicycle['color']",
    "$.store['book'][0]['title']", "store.bicycle.color", "@.store.bicycle", "$.store.book[(@.length-1)].title",
    "$.store.book[(@.size()-2)].title", "$.store.book[(@.length-9)]", "$.store.bicycle[0]", "$.store.bicycle.color[0]",
    "$.nope", "$.store.nope", "$.store.nope.deeper", "$.store.nope[*]", "$.store.book[*].nope", "$.store.book[9]",
    "$.store.book[9].title", "$.store.book[1:-1]", "$.store.book[-2:5]", "$.store.book[:-1]", "$.store.book[2:]",
    "$.store.book[:0]", "$.store.book[0:0]", "$.store.book[3:1]", "$.store.book[1:2:3]", "$.store.book[ 1 ]",
    "$.store.book[0, 1]", "$.store.book[?(@.price)].price", "$.expensive", "$['expensive']", "$.*",
    "$.*.book", "$.*.*", "$.store.*.color", "$..[0]", "$..[0].title", "$..price", "$..nope", "$..*.price",
    "$..bicycle..color", "$...price", "$.. price", "$..", "$.", "$.store.", "$[", "$]", "$['store'",
    "$['store]", "$[\"store\"]", "$[store]", "$[?]", "$[?,?]", "$.store[?]", "$x", "$ .store", "$. store",
    "$.sto re", "store", "store.book[0]", "[0]", "['store']", "*", "..price", ".store", " $.store ", "",
    "$.store.book[abc1]", "$.store.book[-]", "$.store.book[1-]", "$.store.book[--1]", "$.store.book[:]",
    "$.store.book[1:]", "$.store.book[99999999999]", "$.store.book[2147483647]", "$.store.book[-2147483648:]",
    "$.store.book[(@.len-1)]", "$.store.book[(@.length+1)]", "$.store.book[?(@.price <)]", "$.store.book[?()]",
    "$.store.book[?(@.price < 10 &&)]", "$.store.book[?(&& @.price)]", "$.store.book[?(@.price < 10 && && @.x)]",
    "$.store.book[?(@.price < 10 || )]", "$.store.book[?(@.price in [8.95])]", "$.store.book[?(@.price nin [1])]",
    "$.store.book[?(@.title =~ /.*of.*/)]", "$.store.book[?(@.title =~ /.*OF.*/)]", "$.store.book[?(@.title =~ /(/)]",
    "$.store.book[?(@.title =~ 'x')]", "$.store.book[?(@.price =~ /8.*/)]", "$.store.book[?(/Moby.*/ =~ @.title)]",
    "$.store.book[?(@.category == fiction)]", "$.store.book[?(@.price == x)]", "$.store.book[?(@.price == '8.95')]",
    "$.store.book[?(@.price == 8.950)]", "$.store.book[?(@.price == 8.95e0)]", "$.store.book[?(@.isbn == null)]",
    "$.store.book[?(@.isbn != null)]", "$.store.book[?(@.nope == null)]", "$.store.book[?(@ == null)]",
    "$.store.book[?(@.price > '9')]", "$.store.book[?('fiction' == @.category)]", "$.store.book[?(@.category)]",
    "$.store.book[?(@.category == 'fiction' && @.price < 10)].author", "$.store[?(@.color == 'red')]",
    "$.store.bicycle[?(@.color == 'red')]", "$.store.bicycle[?(@.color)]", "$.store.bicycle.color[?(@)]",
    "$[?(@.expensive == 10)]", "$.store.book[?($.expensive > @.price)].title", "$.store.book[?(@.price < $.expensive)].title",
    "$.store.book[?(@.price < $.nope)].title", "$.store.book[?(@.nope < 1)].title", "$.store.book[?(@.price != 'x')]",
    "$.store.book[?(@.title < 'S')].title", "$.store.book[?(@.title > 'S')].title", "$.store.book[?(@.title >= 'The')].title",
    "$.store.book[?(@.author == 'Nigel Rees')].title", "$.store.book[?(@.author=='Nigel Rees')].title",
    "$.store.book[?(@['author'] == 'Nigel Rees')].title", "$.store.book[?(@.price<10)]", "$.store.book[?((@.price<10))]",
    "$.store.book[?(@.price<10)][?(@.isbn)]", "$.store.book[?(@.*)]", "$.store.book[?(@..price)]",
    "$.store.book[?(@.price == 22.99 || @.price == 8.95 && @.category == 'reference')].title",
    "$.store.book[?(@.price == 22.99 && @.x || @.price == 8.95)].title", "$.store.book[?(@.a == 'x&&y')]",
    "$.store.book[?(@.title == 'it\\'s')]", "$.store.book[?(@.title == '')]", "$.store.book[?(@.title == ')')]",
    "$.store.book[?(@.title == ']')]", "$.store.book[?(@.title =~ /^S.*/)].title", "$.store.book[?(@.title =~ /s/i)]",
    "$.store.book[?(@.price =~ /\\d+\\.9\\d/)].price", "$.store.book[?(@ =~ /.*Moby.*/)].title",
    "$.store.book[?(@.isbn =~ /.*-3/)].isbn", "$.store.book[0]['author','title']", "$.store.book[*]['author','price']",
    "$..book[*]['title','nope']", "$.store['book','bicycle']", "$.store['book','bicycle'].x", "$['a]b']", "$['']",
    "$.store.book[0]..title", "$..book..title", "$.store..[?(@.price > 20)]", "$..[?(@.price > 20)].title",
    "$..[?(@.color)]", "$..[?(@.x)]", "$..*[?(@.price > 20)]", "$..[*]", "$..['price']", "$..['price','color']",
    "$.store.book.*", "$.store.book.*.title", "$.store.book[*][*]", "$.store.*[*]", "$.store.*[0]", "$.store.*.*",
    "$['store'].book[1]", "$.['store']", "$.[0]", "$..book[(@.length-1)].title", "$.store.book[?(@.price == $.store.bicycle.price)]",
]

MIXED_PATHS = [
    "$.a.b.c", "$.a..c", "$..c", "$.a.b.d[1].c", "$.a.b.d[2][1].c", "$.a.b.d[*].c", "$.a.b.d..c", "$.arr[-1]",
    "$.arr[2:5]", "$.arr[-3:]", "$.arr[:-7]", "$.arr[0,2,4]", "$.arr[9,0]", "$.arr[*]", "$.arr[?(@ > 5)]",
    "$.arr[?(@ == 3)]", "$.arr[?(@ != 3)]", "$.arr[?(@)]", "$.objs[*].k", "$.objs[*].v", "$.objs[?(@.k)].k",
    "$.objs[?(@.v)]", "$.objs[?(@.v == 1)]", "$.objs[?(@.v == '2')]", "$.objs[?(@.v == 2)]", "$.objs[?(@.v < 2)]",
    "$.objs[?(!@.v)]", "$.objs[?(@.v == null)]", "$.objs[?(@.k == 'x')].v", "$.objs[?(@.k =~ /[xy]/)].k",
    "$.objs[0,1].k", "$.objs[2].v", "$.objs[4]", "$.objs[4].x", "$.objs[5][0]", "$.objs[6][0]", "$.objs..k",
    "$.s", "$.s[0]", "$.s.x", "$.s[*]", "$.s..x", "$.t", "$.z", "$.neg", "$.e", "$.nul", "$.nul.x", "$.nul[0]",
    "$.nul[*]", "$['sp ace']", "$.sp ace", "$['do.t']", "$.do.t", "$['q'uote']", "$.q'uote", "$.uni", "$.-1",
    "$['-1']", "$.0", "$['0']", "$[0]", "$.*", "$['*']", "$.$", "$['$']", "$.@", "$['@']", "$..k", "$.a.*",
    "$.a.*.*", "$.*.c", "$.objs[?(@.k != 'x')].k", "$.objs[?(@.v >= 1)]", "$.objs[?(@.v <= '2')]",
    "$.objs[?(@.k > 'x')].k", "$.objs[?(@ == 'str')]", "$.objs[?(@ == 5)]", "$.objs[?(@[0])]",
    "$.objs[?(@.k == 'x' || @.v == '2')].k", "$.objs[?(@.v == 1 && @.k == 'x')].k", "$.arr[?(@ > 2 && @ < 5)]",
    "$.arr[?(@ < 2 || @ > 7)]", "$.arr[?(@ =~ /[13]/)]", "$.t[?(@)]", "$.a[?(@.c)]", "$.a.b[?(@.c == 1)]",
    "$.a.b[?(@.c == true)]", "$.objs[?(@ == true)]", "$.objs[?(@.x == true)]", "$.*[?(@.k == 'x')]",
    "$..[?(@.c)].c", "$..[?(@.c > 1)].c", "$..d[?(@.c)]", "$..d[0]", "$..[1]", "$..*", "$.a.b.d[?(@ == 1)]",
]

PETS_PATHS = [
    "$.pets", "$.pets[0]", "$.pets[*].id", "$.pets[?(@.type == 'dog')]", "$.pets[?(@.price < 100)].id",
    "$.pets[?(@.owner)]", "$.pets[?(@.owner == null)].id", "$.pets[?(@.available == true)].id",
    "$.pets[?(@.available)].id", "$.pets[?(@.tags)].id", "$.pets[?(@.tags == [])].id", "$.pets[0].tags",
    "$.pets[0].tags[1]", "$.pets[*].tags[*]", "$.pets[*].tags[0]", "$.pets..name", "$.pets[1].owner.name",
    "$.pets[0].owner.name", "$.pets[0].owner", "$.meta", "$.meta.next", "$.meta.empty", "$.meta.list[1:4]",
    "$.id", "$.flag", "$.nothing", "$.n", "$.big", "$.f", "$..id", "$..price", "$.pets[-1:]", "$.pets.length()",
    "$.pets[?(@.id == 2)].owner", "$.pets[?(@.id > 1)].type", "$.pets[?(@.price > 100 && @.tags)].id",
    "$.meta.list[?(@ > 3)]", "$.meta.list[?(@ >= 3 && @ <= 4)]", "$.meta.list[(@.length-2)]", "$.big",
    "$.pets[?(@.type =~ /c.*/)].type", "$.pets[?(@.type =~ /C.*/i)].type", "$.pets[*].owner", "$.pets[*]['id','type']",
]

for p in PATHS:
    add("path-store", p, STORE)
for p in PATHS[:60]:
    add("path-store-path", p, STORE, mode="path")
for p in MIXED_PATHS:
    add("path-mixed", p, MIXED)
    add("path-mixed-path", p, MIXED, mode="path")
for p in PETS_PATHS:
    add("path-pets", p, PETS)
    add("path-pets-path", p, PETS, mode="path")

# Regular-expression filters: Java regex semantics on the filter value's toString()
REGEX_BODY = ('[{"a":"Xyz","n":8.95,"i":42,"b":true,"o":{"k":"v","n":[1,"/"]},"l":[1,"a/b"],"u":"\u00c9t\u00e9"},'
              '{"a":"abc","n":1e7,"i":-3,"b":false,"o":{},"l":[],"u":"\u00e9t\u00e9 2"},'
              '{"a":"a\u0663b","n":100,"u":"caf\u00e9","z":null},{"a":"line1\nline2"},{"a":""},{"x":1}]')
REGEX_PATHS = [
    "$[?(@.a =~ /x.*/)].a", "$[?(@.a =~ /x.*/i)].a", "$[?(@.a =~ /X.*/)].a", "$[?(@.a =~ /.*/)].a",
    "$[?(@.a =~ /a\\db/)].a", "$[?(@.a =~ /a\\Db/)].a", "$[?(@.a =~ /\\w+/)].a", "$[?(@.a =~ /[\\w]+/)].a",
    "$[?(@.a =~ /(?U)a\\db/)].a", "$[?(@.a =~ /line1.line2/)].a", "$[?(@.a =~ /(?s)line1.line2/)].a",
    "$[?(@.a =~ /line1$/)].a", "$[?(@.a =~ /(?m)line1$.*/)].a", "$[?(@.a =~ /^$/)].a", "$[?(@.a =~ /\\p{Alpha}+/)].a",
    "$[?(@.u =~ /\\p{Alpha}+/)].u", "$[?(@.u =~ /\\p{L}+/)].u", "$[?(@.u =~ /(?i)\u00c9T\u00c9/)].u",
    "$[?(@.u =~ /(?iu)\u00c9T\u00c9/)].u", "$[?(@.u =~ /\u00e9t\u00e9\\s\\d/)].u", "$[?(@.u =~ /caf\\u00e9/)].u",
    "$[?(@.n =~ /8\\.95/)].n", "$[?(@.n =~ /1\\.0E7/)].n", "$[?(@.n =~ /100/)].n", "$[?(@.i =~ /-?\\d+/)].i",
    "$[?(@.b =~ /true/)].a", "$[?(@.b =~ /fals./)].a", "$[?(@.o =~ /\\{k=v, n=.*\\}/)].a", "$[?(@.o =~ /\\{\\}/)].a",
    "$[?(@.l =~ /\\[1,\"a\\\\\\/b\"\\]/)].a", "$[?(@.l =~ /\\[\\]/)].a", "$[?(@.z =~ /.*/)].a", "$[?(@.x =~ /1/)].x",
    "$[?(@.a =~ /a{/)].a", "$[?(@.a =~ /(/)].a", "$[?(@.a =~ /[/)].a", "$[?(@.a =~ /\\y/)].a",
    "$[?(@.a =~ /x{2,1}/)].a", "$[?(@.a =~ 'x')].a", "$[?(/X.*/ =~ @.a)].a", "$[?(@.a =~ /a|b/)].a",
    "$[?(@.a =~ /(a|b)c?/)].a", "$[?(@.a =~ /[[:alpha:]]+/)].a", "$[?(@.a =~ /[a-z&&[^b]]+/)].a",
    "$[?(@.a =~ /\\Qabc\\E/)].a", "$[?(@.a =~ /(?<n>a)\\k<n>?bc/)].a", "$[?(@.a =~ /a(?=b)bc/)].a",
    "$[?(@.a =~ /.*(?<=b)c/)].a", "$[?(@.a =~ /abc/ || @.a =~ /Xyz/)].a", "$[?(@.a =~ /abc/ && @.i < 0)].a",
    "$[?(@ =~ /.*Xyz.*/)].a", "$..[?(@.a =~ /.+/)].a",
]
for p in REGEX_PATHS:
    add("regex", p, REGEX_BODY)
    add("regex-path", p, REGEX_BODY, mode="path")

# Non-object documents
for body in ['[1,2,3]', '"text"', '42', 'true', 'abc def', '[{"a":1},{"a":2}]', '[]', '{}', '', ' ']:
    for p in ["$", "$[0]", "$.a", "$[*]", "$..a", "$[*].a", "$[?(@.a)]", "$.length()", "$[-1:]"]:
        add("scalar-docs", p, body)

# ---------------------------------------------------------------------------------------
# C. Random documents and paths

KEYS = ["a", "b", "c", "id", "name", "x y", "n.m", "k'q", "", "0", "é", "*"]


def rand_scalar(rng):
    r = rng.random()
    if r < 0.2:
        return rng.choice([0, 1, -1, 7, 42, 100, 2147483648, -5, 12345678901234567890])
    if r < 0.35:
        return rng.choice([0.5, 1.25, 10.0, 3.14, -2.5, 1e7, 1e-4, 0.1, 123.456, 99.99])
    if r < 0.6:
        return rng.choice(["x", "y", "abc", "A/B", "", "null", "true", "10", "2.5", "Zed", "a\u00e9", "x y", "fiction"])
    if r < 0.75:
        return rng.choice([True, False])
    if r < 0.85:
        return None
    return rng.choice(["a", "b", "c"])


def rand_doc(rng, depth=0):
    r = rng.random()
    if depth >= 4 or r < 0.3:
        return rand_scalar(rng)
    if r < 0.65:
        return {rng.choice(KEYS[:8]): rand_doc(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [rand_doc(rng, depth + 1) for _ in range(rng.randint(0, 5))]


def rand_literal(rng):
    return rng.choice(["1", "0", "-1", "2.5", "10", "'x'", "'abc'", "'10'", "true", "false", "null", "'null'",
                       "x", "@.b", "$.a", "'A/B'", "1e1", "''"])


def rand_filter(rng):
    def one():
        k = rng.choice(["a", "b", "c", "id", "name"])
        lhs = rng.choice(["@." + k, "@['" + k + "']", "@", "@." + k + ".a", "@." + k + "[0]", "$." + k])
        r = rng.random()
        if r < 0.25:
            return rng.choice(["", "!"]) + lhs
        if r < 0.35:
            return lhs + " =~ /" + rng.choice(["x", "a.*", "[0-9]+", "A/B", ".*e.*", "(?i)X"]) + "/" + rng.choice(["", "i"])
        op = rng.choice(["==", "!=", "<", "<=", ">", ">="])
        sp = rng.choice(["", " "])
        return lhs + sp + op + sp + rand_literal(rng)
    parts = [one()]
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        parts.append(rng.choice([" && ", " || ", "&&", "||"]))
        parts.append(one())
    return "[?(" + "".join(parts) + ")]"


def rand_step(rng):
    r = rng.random()
    k = rng.choice(KEYS)
    if r < 0.22:
        return "." + (k if k and all(ch not in k for ch in " .'[") else "a")
    if r < 0.32:
        return "['" + k + "']"
    if r < 0.36:
        return "['" + rng.choice(KEYS) + "','" + rng.choice(KEYS) + "']"
    if r < 0.44:
        return "[" + str(rng.randint(-3, 5)) + "]"
    if r < 0.5:
        return "[" + rng.choice(["0:2", "1:", ":2", "-2:", ":-1", "1:3", "-1:3", "2:1", "0,1", "1,0", "0,5"]) + "]"
    if r < 0.58:
        return rng.choice(["[*]", ".*"])
    if r < 0.66:
        return ".." + rng.choice(["a", "b", "c", "*", "['a']", "[0]", "[*]", "name"])
    if r < 0.8:
        return rand_filter(rng)
    if r < 0.83:
        return "[(@.length-" + str(rng.randint(1, 3)) + ")]"
    return "." + rng.choice(["a", "b", "c", "id", "name"])


def mutate(rng, p):
    if not p or rng.random() < 0.75:
        return p
    i = rng.randrange(len(p) + 1)
    r = rng.random()
    if r < 0.4:
        return p[:i] + rng.choice("[]().'$@*?,: -!=<>&|/") + p[i:]
    if r < 0.7 and i < len(p):
        return p[:i] + p[i + 1:]
    return p[:i] + p[i:][::-1] if r < 0.8 else p + rng.choice(["]", ")", ".", "..", "[", "'"])


def rand_path(rng):
    steps = [rand_step(rng) for _ in range(rng.randint(1, 4))]
    p = rng.choice(["$", "$", "$", "@", ""]) + "".join(steps)
    if p.startswith(".") and rng.random() < 0.5:
        p = p[1:]
    return mutate(rng, p)


def java_like_json(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def build_random(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        doc = rand_doc(rng)
        if not isinstance(doc, (dict, list)):
            doc = {"a": doc, "b": rand_doc(rng)}
        body = java_like_json(doc)
        add("random", rand_path(rng), body, mode=rng.choice(["json", "json", "json", "path"]))


def build_random_bodies(seed, count):
    """Random permissive-JSON text, to exercise the reader's edge paths."""
    rng = random.Random(seed)
    atoms = ['1', '-2', '3.5', '1e3', '"s"', "'q'", 'abc', 'true', 'null', 'NaN', '{}', '[]', '"a\\nb"', '-',
             '007', '1.', "x y", '"\\u00e9"', '12345678901234567890', '0.1234567890123456789']
    seps = [',', ', ', ' ', '', ',,', ' , ']
    for _ in range(count):
        def val(d):
            r = rng.random()
            if d > 3 or r < 0.5:
                return rng.choice(atoms)
            if r < 0.75:
                inner = rng.choice(seps).join(val(d + 1) for _ in range(rng.randint(0, 3)))
                return "[" + rng.choice(["", " "]) + inner + rng.choice(["", ",", " "]) + "]"
            members = []
            for _ in range(rng.randint(0, 3)):
                key = rng.choice(['"k"', "'k2'", "k3", '"a b"', '""', 'k 4'])
                members.append(key + rng.choice([":", " : ", ":"]) + val(d + 1))
            return "{" + rng.choice(seps).join(members) + rng.choice(["", ","]) + "}"
        body = val(0)
        if rng.random() < 0.2:
            i = rng.randrange(len(body) + 1)
            body = body[:i] + rng.choice(["}", "]", ":", ",", "{", "[", "'", '"', "\\", " "]) + body[i:]
        add("random-body", "$", body)


# ---------------------------------------------------------------------------------------
# Oracle


def oracle_dir(src):
    """The oracle writes build/ next to its sources; use a writable copy when needed."""
    if os.access(src, os.W_OK):
        return src
    dst = os.path.join(tempfile.gettempdir(), "vtl-oracle-copy")
    if not os.path.exists(os.path.join(dst, "run.sh")):
        shutil.copytree(src, dst, dirs_exist_ok=True)
        for root, dirs, files in os.walk(dst):
            for name in dirs + files:
                os.chmod(os.path.join(root, name), 0o755)
    return dst


def run_oracle(folder, items):
    lines = []
    for i, c in enumerate(items):
        template = "$input.json($input.params('p'))" if c["mode"] == "json" else "$input.path($input.params('p'))"
        lines.append(json.dumps({"id": str(i), "template": template, "body": c["body"], "querystring": {"p": c["path"]}}))
    proc = subprocess.run([os.path.join(folder, "run.sh")], input=("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"),
                          capture_output=True, check=True)
    out = [json.loads(line) for line in proc.stdout.decode("utf-8", "surrogatepass").split("\n") if line.strip()]
    if len(out) != len(items):
        sys.exit("oracle returned %d results for %d cases" % (len(out), len(items)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default="/work/shared/tools/vtl-oracle")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()

    build_random(args.seed, 3000)
    build_random_bodies(args.seed + 1, 800)

    seen = set()
    unique = []
    for c in cases:
        key = (c["mode"], c["path"], c["body"])
        if key not in seen:
            seen.add(key)
            unique.append(c)
    results = run_oracle(oracle_dir(args.oracle), unique)
    counters = {}
    with open(args.out, "w", encoding="utf-8") as f:
        for c, r in zip(unique, results):
            counters[c["group"]] = counters.get(c["group"], 0) + 1
            r.pop("id", None)
            if "error" in r:
                r = {"error": r["error"][:300], "errorType": r.get("errorType", "")}
            c = dict(c, id="%s-%d" % (c["group"], counters[c["group"]]), expect=r)
            f.write(json.dumps(c, ensure_ascii=True) + "\n")
    print("wrote %d cases to %s" % (len(unique), args.out))


if __name__ == "__main__":
    main()
