// Detached JWS (EdDSA) and JWK thumbprints, on the vectors of the verifier module's DetachedJwsTest
// (RFC 8037 appendix A) and JWS made here with WebCrypto, rejected as DetachedJws rejects them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  JwsError, decodeHeader, signingInput, signingKey, thumbprint, verifyDetached,
} from '../../main/resources/META-INF/resources/js/jws.js';

// RFC 8037 appendix A.1 (key), A.3 (its thumbprint) and A.4 (an attached JWS with header {"alg":"EdDSA"}).
const RFC8037_D = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
const RFC8037_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const RFC8037_THUMBPRINT = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const RFC8037_PAYLOAD = 'Example of Ed25519 signing';
const RFC8037_JWS = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.'
  + 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
const JWK = { kty: 'OKP', crv: 'Ed25519', x: RFC8037_X };
const PAYLOAD = new TextEncoder().encode('{"disclosureId":"d-1","figures":{"total":48213}}');
const KEYS = { 'disclosure-1': JWK };

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const reason = (expected, message) => (e) => e instanceof JwsError && e.reason === expected
  && (message === undefined || e.message === message);

const privateKey = await crypto.subtle.importKey('jwk', { ...JWK, d: RFC8037_D }, { name: 'Ed25519' }, false, ['sign']);

/** Signs as DetachedJws.sign does, with any header. */
async function sign(payload, header = { alg: 'EdDSA', kid: 'disclosure-1' }) {
  const encodedHeader = b64url(Buffer.from(typeof header === 'string' ? header : JSON.stringify(header)));
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, signingInput(encodedHeader, payload));
  return `${encodedHeader}..${b64url(Buffer.from(signature))}`;
}

test('the signing input and signature of RFC 8037 appendix A.4', async () => {
  const [header, payload, signature] = RFC8037_JWS.split('.');
  const input = signingInput(header, new TextEncoder().encode(RFC8037_PAYLOAD));
  assert.equal(new TextDecoder().decode(input), `${header}.${payload}`);
  // Ed25519 is deterministic, so the signature must be the RFC's byte for byte.
  assert.equal(b64url(Buffer.from(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, input))), signature);
});

test('detaching the RFC 8037 vector fails only for its missing kid', async () => {
  const [header, , signature] = RFC8037_JWS.split('.');
  await assert.rejects(verifyDetached(`${header}..${signature}`, new TextEncoder().encode(RFC8037_PAYLOAD), {}),
    reason('MALFORMED', 'protected header has no kid'));
});

test('the RFC 7638 thumbprint of the RFC 8037 key', async () => {
  assert.equal(await thumbprint(JWK), RFC8037_THUMBPRINT);
  assert.equal(await thumbprint({ ...JWK, kid: 'any', alg: 'EdDSA', use: 'sig' }), RFC8037_THUMBPRINT);
  await assert.rejects(thumbprint({ ...JWK, x: `${RFC8037_X}=` }), Error);
  await assert.rejects(thumbprint({ ...JWK, crv: 'X25519' }), Error);
});

test('verifies a detached JWS with the canonical header, and decodes its header', async () => {
  const jws = await sign(PAYLOAD);
  assert.deepEqual(await verifyDetached(jws, PAYLOAD, KEYS), { alg: 'EdDSA', kid: 'disclosure-1' });
  assert.deepEqual(await verifyDetached(jws, PAYLOAD, new Map(Object.entries(KEYS))), { alg: 'EdDSA', kid: 'disclosure-1' });
  assert.deepEqual(decodeHeader(jws), { alg: 'EdDSA', kid: 'disclosure-1' });
  // other header members are ignored, b64 true is the default
  assert.equal((await verifyDetached(await sign(PAYLOAD, { alg: 'EdDSA', kid: 'disclosure-1', typ: 'x', b64: true }),
    PAYLOAD, KEYS)).kid, 'disclosure-1');
});

test('rejects a changed payload, another key under the kid, an unknown kid, a key that is no Ed25519 key', async () => {
  const jws = await sign(PAYLOAD);
  const changed = PAYLOAD.slice();
  changed[changed.length - 3]++;
  await assert.rejects(verifyDetached(jws, changed, KEYS),
    reason('INVALID_SIGNATURE', 'signature does not verify over the payload with key "disclosure-1"'));
  const other = await crypto.subtle.exportKey('jwk',
    (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])).publicKey);
  await assert.rejects(verifyDetached(jws, PAYLOAD, { 'disclosure-1': other }), reason('INVALID_SIGNATURE'));
  await assert.rejects(verifyDetached(await sign(PAYLOAD, { alg: 'EdDSA', kid: 'disclosure-2' }), PAYLOAD, KEYS),
    reason('UNKNOWN_KEY', 'no key with kid "disclosure-2"'));
  await assert.rejects(verifyDetached(jws, PAYLOAD, { 'disclosure-1': { ...JWK, x: 'AAAA' } }),
    reason('INVALID_KEY', 'key "disclosure-1" is not a valid Ed25519 public key'));
});

test('rejects headers it does not understand', async () => {
  const cases = [
    ['{"alg":"ES256","kid":"disclosure-1"}', 'UNSUPPORTED'],
    ['{"alg":"EdDSA","kid":""}', 'MALFORMED'],
    ['{"alg":"EdDSA","kid":7}', 'MALFORMED'],
    ['{"kid":"disclosure-1"}', 'MALFORMED'],
    ['{"alg":"EdDSA","kid":"disclosure-1","crit":["exp"]}', 'UNSUPPORTED'],
    ['{"alg":"EdDSA","kid":"disclosure-1","b64":false}', 'UNSUPPORTED'],
    ['{"alg":"EdDSA","kid":"disclosure-1","kid":"disclosure-1"}', 'MALFORMED'],
    ['["EdDSA"]', 'MALFORMED'],
    ['{"alg":"EdDSA",', 'MALFORMED'],
  ];
  for (const [header, expected] of cases) {
    await assert.rejects(verifyDetached(await sign(PAYLOAD, header), PAYLOAD, KEYS), reason(expected), header);
  }
});

test('rejects anything but three parts, an attached payload, padding, and every single character change', async () => {
  const jws = await sign(PAYLOAD);
  for (const bad of ['', 'abc', 'a.b', 'a..b.c', '....']) {
    await assert.rejects(verifyDetached(bad, PAYLOAD, KEYS), reason('MALFORMED'), bad);
  }
  const [header, , signature] = jws.split('.');
  await assert.rejects(verifyDetached(`${header}.${b64url(PAYLOAD)}.${signature}`, PAYLOAD, KEYS), reason('MALFORMED'));
  await assert.rejects(verifyDetached(`${header}..${signature}==`, PAYLOAD, KEYS), reason('MALFORMED'));
  await assert.rejects(verifyDetached(`${header}..${signature.slice(0, -4)}`, PAYLOAD, KEYS), reason('MALFORMED'));
  await assert.rejects(verifyDetached(`${jws}\n`, PAYLOAD, KEYS), JwsError);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=';
  for (let i = 0; i < jws.length; i++) {
    for (const step of [1, 17, 40]) {
      const replacement = alphabet[(alphabet.indexOf(jws[i]) + step) % alphabet.length];
      const changed = jws.slice(0, i) + replacement + jws.slice(i + 1);
      await assert.rejects(verifyDetached(changed, PAYLOAD, KEYS), JwsError, changed);
    }
  }
});

test('finds the signing key in a key set as KeySets does', () => {
  const set = { keys: [{ ...JWK, kid: 'a', alg: 'EdDSA', use: 'sig', status: 'ACTIVE' }, { ...JWK, kid: 'b', use: 'enc' },
    { ...JWK, kid: 'c', alg: 'ES256' }, { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: 'd' }, { ...JWK, kid: 'e' },
    { ...JWK, kid: 'e' }] };
  assert.equal(signingKey(set, 'a', 'keys.json').x, RFC8037_X);
  assert.throws(() => signingKey(set, 'b', 'keys.json'), { message: 'key "b" of keys.json is not for signatures (use "enc")' });
  assert.throws(() => signingKey(set, 'c', 'keys.json'), { message: 'key "c" of keys.json is not for EdDSA (alg "ES256")' });
  assert.throws(() => signingKey(set, 'd', 'keys.json'), /key "d" of keys.json is malformed/);
  assert.throws(() => signingKey(set, 'e', 'keys.json'), { message: 'keys.json has 2 keys with kid "e"' });
  assert.throws(() => signingKey(set, 'z', 'keys.json'), /no key with kid "z" in keys.json \(it has "a", "b"/);
  assert.throws(() => signingKey({ keys: [] }, 'z', 'keys.json'), { message: 'no key with kid "z" in keys.json, which has no keys' });
  assert.throws(() => signingKey({ keys: {} }, 'z', 'keys.json'), /keys must be an array of JWKs/);
  assert.throws(() => signingKey([], 'z', 'keys.json'), /must hold a JSON object/);
});
