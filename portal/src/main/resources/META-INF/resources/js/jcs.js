// RFC 8785 JSON Canonicalization Scheme (JCS), as the verifier module's CanonicalJson writes it.
//
// parseStrict reads one JSON text and rejects what the Java side rejects: duplicate member names,
// trailing content, and everything that is not RFC 8259 JSON. Numbers become IEEE 754 doubles, as in
// JCS. canonicalize writes the RFC 8785 form: no insignificant whitespace, members sorted by the UTF-16
// code units of their names (JavaScript's default string order), strings escaped as JSON.stringify
// escapes them, numbers as Number.prototype.toString writes them. A lone surrogate has no UTF-8 form and
// is refused.

/** A text that is not canonicalizable JSON; the message says why. */
export class CanonicalJsonError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes as UTF-8 text, or null when they are not valid UTF-8 (a byte order mark is kept, not skipped). */
export function decodeUtf8(bytes) {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Parses one JSON text strictly; objects are plain objects whose member order is the text's. */
export function parseStrict(text) {
  if (typeof text !== 'string') {
    throw new CanonicalJsonError('not a JSON text');
  }
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.at >= text.length) {
    throw new CanonicalJsonError('empty input is not a JSON text');
  }
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.at < text.length) {
    parser.fail('trailing content after the JSON value');
  }
  return value;
}

/** The RFC 8785 form of a parsed JSON value, as a string. */
export function canonicalize(value) {
  const out = [];
  write(value, out);
  return out.join('');
}

/** The RFC 8785 form as UTF-8 bytes: what is hashed and signed. */
export function canonicalBytes(value) {
  return utf8Encoder.encode(canonicalize(value));
}

/** The canonical UTF-8 bytes of a JSON text; see parseStrict for what is rejected. */
export function canonicalizeText(text) {
  return canonicalBytes(parseStrict(text));
}

/** A JSON string in its RFC 8785 form, quotes included. */
export function quote(string) {
  return writeString(string);
}

function write(value, out) {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CanonicalJsonError(`${value} has no JSON representation`);
    }
    // ECMAScript Number::toString is exactly what RFC 8785 asks (and writes -0 as 0).
    out.push(String(value));
  } else if (typeof value === 'string') {
    out.push(writeString(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) {
        out.push(',');
      }
      write(item, out);
    });
    out.push(']');
  } else if (typeof value === 'object') {
    // The default sort compares UTF-16 code units, which is RFC 8785's order.
    const names = Object.keys(value).sort();
    out.push('{');
    names.forEach((name, i) => {
      if (i > 0) {
        out.push(',');
      }
      out.push(writeString(name), ':');
      write(value[name], out);
    });
    out.push('}');
  } else {
    throw new CanonicalJsonError(`no JSON representation for a ${typeof value}`);
  }
}

function writeString(string) {
  const lone = loneSurrogateAt(string);
  if (lone >= 0) {
    // I-JSON: a lone surrogate is not Unicode text and has no UTF-8 form.
    throw new CanonicalJsonError(`string contains a lone surrogate at index ${lone}`);
  }
  // With no lone surrogates, JSON.stringify escapes exactly as RFC 8785 section 3.2.2.2 asks.
  return JSON.stringify(string);
}

/** The index of the first unpaired surrogate, or -1. */
function loneSurrogateAt(string) {
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < string.length ? string.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

// Nesting deeper than this is refused rather than overflowing the stack.
const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  fail(message) {
    throw new CanonicalJsonError(`not a single valid JSON text: ${message} at offset ${this.at}`);
  }

  skipWhitespace() {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
        this.at++;
      } else {
        break;
      }
    }
  }

  value(depth) {
    if (depth > MAX_DEPTH) {
      this.fail('nesting too deep');
    }
    this.skipWhitespace();
    const c = this.text[this.at];
    if (c === '{') {
      return this.object(depth);
    }
    if (c === '[') {
      return this.array(depth);
    }
    if (c === '"') {
      return this.string();
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      return this.number();
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]]) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  object(depth) {
    this.at++;
    const object = {};
    const seen = new Set();
    this.skipWhitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return object;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') {
        this.fail('expected a member name');
      }
      const name = this.string();
      if (seen.has(name)) {
        this.fail(`duplicate member name ${JSON.stringify(name)}`);
      }
      seen.add(name);
      this.skipWhitespace();
      if (this.text[this.at] !== ':') {
        this.fail("expected ':'");
      }
      this.at++;
      // defineProperty, so that a member named __proto__ is a member like any other.
      Object.defineProperty(object, name, {
        value: this.value(depth + 1), enumerable: true, writable: true, configurable: true,
      });
      this.skipWhitespace();
      const c = this.text[this.at++];
      if (c === '}') {
        return object;
      }
      if (c !== ',') {
        this.at--;
        this.fail("expected ',' or '}'");
      }
    }
  }

  array(depth) {
    this.at++;
    const array = [];
    this.skipWhitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return array;
    }
    for (;;) {
      array.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.at++];
      if (c === ']') {
        return array;
      }
      if (c !== ',') {
        this.at--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  string() {
    const start = this.at;
    this.at++;
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c === 0x22) {
        this.at++;
        // JSON.parse decodes the escapes of a token already known to be well formed.
        return JSON.parse(t.slice(start, this.at));
      }
      if (c < 0x20) {
        this.fail('control character in a string');
      }
      if (c === 0x5c) {
        const e = t[this.at + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.at + 2, this.at + 6))) {
            this.fail('invalid \\u escape');
          }
          this.at += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.fail('invalid escape');
        }
        this.at += 2;
        continue;
      }
      this.at++;
    }
    return this.fail('unterminated string');
  }

  number() {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) {
      this.fail('invalid number');
    }
    this.at += match[0].length;
    const next = this.text[this.at];
    if (next !== undefined && /[0-9.eE+\-]/.test(next)) {
      this.fail('invalid number');
    }
    const value = Number(match[0]);
    if (!Number.isFinite(value)) {
      this.fail(`number ${match[0]} is out of the range of a double`);
    }
    return value;
  }
}
