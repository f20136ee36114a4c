// RFC 8785 canonical JSON, on the verifier module's vectors (verifier/src/test/resources/jcs, from
// cyberphone/json-canonicalization) and the cases of its CanonicalJsonTest and Es6NumberFormatTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CanonicalJsonError, canonicalize, canonicalizeText, parseStrict,
} from '../../main/resources/META-INF/resources/js/jcs.js';

const VECTORS = new URL('../../../../verifier/src/test/resources/jcs/', import.meta.url);
const text = (bytes) => new TextDecoder().decode(bytes);

for (const name of ['arrays', 'french', 'simpleString', 'structures', 'unicode', 'values', 'weird']) {
  test(`matches the RFC 8785 test vector ${name}`, () => {
    const input = readFileSync(new URL(`input/${name}.json`, VECTORS), 'utf8');
    const expected = readFileSync(new URL(`output/${name}.json`, VECTORS));
    assert.deepEqual(Buffer.from(canonicalizeText(input)), expected);
  });
}

test('canonicalizing twice changes nothing', () => {
  for (const name of ['structures', 'values', 'weird']) {
    const once = canonicalizeText(readFileSync(new URL(`input/${name}.json`, VECTORS), 'utf8'));
    assert.deepEqual(canonicalizeText(text(once)), once, name);
  }
});

test('sorts keys by UTF-16 code units, not code points', () => {
  // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB33, although its code point is larger.
  assert.equal(text(canonicalizeText('{"\uFB33":2,"\uD83D\uDE00":1}')), '{"\uD83D\uDE00":1,"\uFB33":2}');
  assert.equal(text(canonicalizeText('{"a":2,"B":0,"A":1}')), '{"A":1,"B":0,"a":2}');
});

test('escapes strings like JSON.stringify', () => {
  assert.equal(canonicalize({ s: '\u0000\u0001\u001f "\\/\b\f\n\r\t\u007f\u2028\u00e9' }),
    '{"s":"\\u0000\\u0001\\u001f \\"\\\\/\\b\\f\\n\\r\\t\u007f\u2028\u00e9"}');
});

test('rejects duplicate keys', () => {
  assert.throws(() => canonicalizeText('{"a":1,"b":{"c":1,"c":2}}'), (e) => e instanceof CanonicalJsonError
    && e.message.includes('"c"'));
  assert.throws(() => canonicalizeText('{"a":1,"a":1}'), CanonicalJsonError);
});

test('a member named __proto__ is an ordinary member', () => {
  const parsed = parseStrict('{"__proto__":{"x":1},"a":2}');
  assert.deepEqual(Object.keys(parsed), ['__proto__', 'a']);
  assert.equal(canonicalize(parsed), '{"__proto__":{"x":1},"a":2}');
  assert.throws(() => parseStrict('{"__proto__":1,"__proto__":2}'), CanonicalJsonError);
});

for (const input of ['', '   ', '{', '{"a":1} x', '{"a":1}{}', '[1,]', "{'a':1}", '{"a":NaN}', '[Infinity]',
  '[01]', '[1.]', '// c\n1', '["\t"]', '[1e400]', '[-1e400]', '"\\ud800"', '{"\\udc00":1}', '[-]', '[.5]',
  '[1e]', '[+1]', '"\\x41"', '"\\u12"', '\uFEFF{}', '{"a" 1}', '[true false]', 'nul']) {
  test(`rejects ${JSON.stringify(input)}`, () => {
    assert.throws(() => canonicalizeText(input), CanonicalJsonError);
  });
}

test('writes numbers as the doubles they denote', () => {
  assert.equal(text(canonicalizeText('[0, -0, -0.0, -1, 1.0, 1.50, 1E2, 1e21, 0.0000001, 9007199254740993,'
    + ' 9007199254740992.0, 295147905179352825856, 123456789012345678901234567890, 0.1000, 2.5, 3]')),
  '[0,0,0,-1,1,1.5,100,1e+21,1e-7,9007199254740992,9007199254740992,295147905179352830000,'
    + '1.2345678901234568e+29,0.1,2.5,3]');
});

// RFC 8785 appendix B and the samples of Es6NumberFormatTest: IEEE 754 bits, expected text.
const NUMBERS = [
  ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'], ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'], ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'], ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'], ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'], ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'], ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'], ['4340000000000001', '9007199254740994'],
  ['4340000000000002', '9007199254740996'],
];

test('formats the RFC 8785 number samples', () => {
  const view = new DataView(new ArrayBuffer(8));
  for (const [bits, expected] of NUMBERS) {
    view.setBigUint64(0, BigInt(`0x${bits}`));
    const value = view.getFloat64(0);
    assert.equal(canonicalize(value), expected, bits);
    // and a text of the same double reads back to the same form
    assert.equal(text(canonicalizeText(value.toPrecision(17))), expected, bits);
  }
});

test('rejects NaN and the infinities', () => {
  for (const value of [NaN, Infinity, -Infinity]) {
    assert.throws(() => canonicalize([value]), CanonicalJsonError);
  }
  assert.throws(() => canonicalize({ f() {} }.f), CanonicalJsonError);
});

test('random documents are stable under reparsing and member order', () => {
  let seed = 1234567;
  const random = (n) => {
    // xorshift32: a fixed seed, printed on failure
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  const string = () => {
    let s = '';
    for (let i = random(6); i > 0; i--) {
      switch (random(4)) {
        case 0: s += String.fromCharCode(random(0x80)); break;
        case 1: s += String.fromCharCode(0x80 + random(0xd000)); break;
        case 2: s += String.fromCodePoint(0x10000 + random(0x100000)); break;
        default: s += '"\\/\n'[random(4)];
      }
    }
    return s;
  };
  const value = (depth) => {
    switch (depth > 3 ? 3 + random(5) : random(8)) {
      case 0: case 1: {
        const o = {};
        for (let m = random(6); m > 0; m--) {
          o[string()] = value(depth + 1);
        }
        return o;
      }
      case 2: return Array.from({ length: random(5) }, () => value(depth + 1));
      case 3: return string();
      case 4: return random(2 ** 31) * (random(2) ? 1 : -1);
      case 5: {
        const view = new DataView(new ArrayBuffer(8));
        view.setUint32(0, random(0x7fefffff));
        view.setUint32(4, random(2 ** 32));
        return view.getFloat64(0) * (random(2) ? 1 : -1);
      }
      case 6: return random(2) === 1;
      default: return null;
    }
  };
  const start = seed;
  for (let i = 0; i < 300; i++) {
    const doc = value(0);
    const canonical = canonicalize(doc);
    assert.equal(canonicalize(parseStrict(canonical)), canonical, `seed ${start}, document ${i}`);
    assert.equal(canonicalize(parseStrict(JSON.stringify(doc, null, 2))), canonical, `seed ${start}, document ${i}`);
  }
});
