// Signed notes, checkpoints and cosignatures, on the vectors the verifier module's note tests use: the
// example keys and notes of golang.org/x/mod/sumdb/note (GoNoteVectors, SignedNoteTest), the
// c2sp.org/tlog-checkpoint example (CheckpointTest) and a real checkpoint of the public CT log
// arche2025h1.staging.ct.transparency.dev with the cosignatures of four public witnesses and their
// published keys (CosignatureTest). They are Java constants there, so they are copied here verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NoteError, cosignedMessage, openNote, parseCheckpoint, parseVerifierKey, parseWitnessKey, verifyCosignature,
} from '../../main/resources/META-INF/resources/js/note.js';

// GoNoteVectors
const PETER_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = 'If you think cryptography is the answer to your problem,\n'
  + "then you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

// CosignatureTest
const LOG_KEY = 'arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f';
const BODY = 'arche2025h1.staging.ct.transparency.dev\n1432088532\nU7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n';
const COSIGNED = `${BODY}\n`
  + '\u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=\n'
  + '\u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n'
  + '\u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==\n'
  + '\u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==\n'
  + '\u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==\n'
  + '\u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n';
const WITNESS_KEYS = [
  'transparency.dev/DEV:witness-little-garden+d8042a87+BCtusOxINQNUTN5Oj8HObRkh2yHf/MwYaGX4CPdiVEPM',
  'witness1.smartit.nu/witness1+a48c820f+BPSFWg9G6KPiO7QPryYO5Xq4oYJJ+kAvLKLSimDhoxMO',
  'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2',
  'witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv',
];
const TIMESTAMP = 1779573024n; // 0x6a122120, the time all four cosigned at

// CheckpointTest: the example of c2sp.org/tlog-checkpoint.
const C2SP_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const reason = (expected) => (e) => e instanceof NoteError && e.reason === expected;

test('parses verifier keys and computes their key ids', async () => {
  const peter = await parseVerifierKey(PETER_VERIFIER_KEY);
  assert.equal(peter.name, 'PeterNeumann');
  assert.equal(peter.keyIdHex, 'c74f20a3');
  assert.equal(peter.keyId, 0xc74f20a3);
  for (const bad of ['PeterNeumann+c74f20a3', PETER_VERIFIER_KEY.replace('c74f20a3', 'c74f20a4'),
    PETER_VERIFIER_KEY.replace('c74f20a3', 'C74F20A3'), `${PETER_VERIFIER_KEY}=`, `Peter Neumann${PETER_VERIFIER_KEY.slice(12)}`,
    WITNESS_KEYS[2]]) {
    await assert.rejects(parseVerifierKey(bad), Error, bad);
  }
});

test('opens Go notes, verifying only known keys', async () => {
  const peter = await parseVerifierKey(PETER_VERIFIER_KEY);
  const enoch = await parseVerifierKey(ENOCH_VERIFIER_KEY);
  const one = await openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
  assert.equal(one.text, TEXT);
  assert.deepEqual(one.verified.map((s) => `${s.name}+${s.keyIdHex}`), ['PeterNeumann+c74f20a3']);
  assert.deepEqual(one.unverified.map((s) => `${s.name}+${s.keyIdHex}`), ['EnochRoot+af0cfe78']);
  const both = await openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter, enoch]);
  assert.equal(both.verified.length, 2);
  assert.equal(both.unverified.length, 0);
  // the same key given twice counts once
  assert.equal((await openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, enoch])).verified.length, 1);
});

test('rejects notes without a known signature, tampered text and corrupt signatures', async () => {
  const peter = await parseVerifierKey(PETER_VERIFIER_KEY);
  await assert.rejects(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []), reason('NO_KNOWN_SIGNATURE'));
  await assert.rejects(openNote(`${TEXT}\n${ENOCH_SIG}`, [peter]), reason('NO_KNOWN_SIGNATURE'));
  await assert.rejects(openNote(`${TEXT.replace('problem,', 'problem;')}\n${PETER_SIG}`, [peter]),
    (e) => reason('INVALID_SIGNATURE')(e) && e.message === 'invalid signature for key PeterNeumann+c74f20a3');
  // note_test.go: four characters inserted after the key id part of the base64
  await assert.rejects(openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]),
    reason('INVALID_SIGNATURE'));
});

test('drops repeated signatures and keeps distinct unknown ones', async () => {
  const peter = await parseVerifierKey(PETER_VERIFIER_KEY);
  const enochAbcd = `${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`;
  const note = await openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${enochAbcd}`, [peter]);
  assert.equal(note.verified.length, 1);
  assert.equal(note.unverified.length, 2);
});

test('rejects malformed notes', async () => {
  const peter = await parseVerifierKey(PETER_VERIFIER_KEY);
  const bad = [
    TEXT,
    `${TEXT}\n`,
    `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
    `\u0001${TEXT}\n${PETER_SIG}`,
    `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
    `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    `${TEXT}\n${PETER_SIG.repeat(101)}`,
    `${TEXT}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    `lone \ud800\n\n${PETER_SIG}`,
  ];
  for (const note of bad) {
    await assert.rejects(openNote(note, [peter]), reason('MALFORMED'), JSON.stringify(note));
  }
});

test('parses the c2sp.org/tlog-checkpoint example, with and without extension lines', () => {
  const checkpoint = parseCheckpoint(C2SP_BODY);
  assert.equal(checkpoint.origin, 'example.com/behind-the-sofa');
  assert.equal(checkpoint.size, 20852163n);
  assert.deepEqual(checkpoint.root, Uint8Array.from(Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64')));
  assert.deepEqual(checkpoint.extensions, []);
  assert.deepEqual(parseCheckpoint(`${C2SP_BODY}ext one\next-two\n`).extensions, ['ext one', 'ext-two']);
  assert.equal(parseCheckpoint(`o\n9223372036854775807\n${Buffer.alloc(32).toString('base64')}\n`).size,
    9223372036854775807n);
});

test('rejects malformed checkpoint bodies', () => {
  const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
  for (const body of [
    '', 'example.com/log\n', 'example.com/log\n5\n', `example.com/log\n5\n${root}`, `\n5\n${root}\n`,
    `example.com/log\n05\n${root}\n`, `example.com/log\n+5\n${root}\n`, `example.com/log\n-5\n${root}\n`,
    `example.com/log\n 5\n${root}\n`, `example.com/log\n5 \n${root}\n`, `example.com/log\n0x5\n${root}\n`,
    `example.com/log\n18446744073709551615\n${root}\n`, 'example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n',
    'example.com/log\n5\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n',
    'example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n',
    'example.com/log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n', `example.com/log\n5\n${root}\n\n`,
    `example.com/log\n5\n${root}\next\n\n`, `example.com/log\r\n5\n${root}\n`,
    `o\n9223372036854775808\n${Buffer.alloc(32).toString('base64')}\n`,
  ]) {
    assert.throws(() => parseCheckpoint(body), Error, JSON.stringify(body));
  }
});

test('verifies the published cosignatures of a real checkpoint', async () => {
  const note = await openNote(COSIGNED, [await parseVerifierKey(LOG_KEY)]);
  assert.equal(note.text, BODY);
  // extra signature lines by unknown keys leave the checkpoint readable with the log's key alone
  assert.equal(parseCheckpoint(note.text).size, 1432088532n);
  for (const key of WITNESS_KEYS) {
    const witness = await parseWitnessKey(key);
    const cosignature = await verifyCosignature(witness, note);
    assert.equal(cosignature.name, witness.name);
    assert.equal(cosignature.timestamp, TIMESTAMP, key);
    assert.equal(cosignature.time, '2026-05-23T21:50:24Z');
  }
});

test('a cosignature covers the whole body', async () => {
  const note = await openNote(COSIGNED, [await parseVerifierKey(LOG_KEY)]);
  const tampered = { ...note, text: BODY.replace('1432088532', '1432088533') };
  for (const key of WITNESS_KEYS) {
    await assert.rejects(verifyCosignature(await parseWitnessKey(key), tampered), reason('INVALID_SIGNATURE'));
  }
});

test('a missing cosignature is named', async () => {
  const note = await openNote(COSIGNED, [await parseVerifierKey(LOG_KEY)]);
  const other = await witnessFromSeed('witness.example/w9', new Uint8Array(32).fill(9));
  await assert.rejects(verifyCosignature(other.key, note), (e) => reason('NO_KNOWN_SIGNATURE')(e)
    && e.message.includes(`witness.example/w9+${other.key.keyIdHex}`));
});

test('rejects malformed witness keys', async () => {
  const good = WITNESS_KEYS[2];
  for (const bad of ['remora.n621.de+da77ade7', good.replace('da77ade7', 'da77ade8'), LOG_KEY, `${good}=`]) {
    await assert.rejects(parseWitnessKey(bad), Error, bad);
  }
  await assert.rejects(parseVerifierKey(good), Error);
});

test('checks cosignatures made here: the signed message, the time, a wrong length', async () => {
  const witness = await witnessFromSeed('witness.example/w1', new Uint8Array(32));
  const message = new TextEncoder().encode(`cosignature/v1\ntime ${TIMESTAMP}\n${BODY}`);
  assert.deepEqual(cosignedMessage(TIMESTAMP, BODY), message);
  const line = await witness.cosign(BODY, TIMESTAMP);
  const note = await openNote(COSIGNED + line, [await parseVerifierKey(LOG_KEY)]);
  assert.equal((await verifyCosignature(witness.key, note)).timestamp, TIMESTAMP);
  // a time with the top bit set is no timestamp
  const high = await witness.cosign(BODY, 1n << 63n);
  await assert.rejects(verifyCosignature(witness.key, await openNote(COSIGNED + high, [await parseVerifierKey(LOG_KEY)])),
    reason('INVALID_SIGNATURE'));
  // a signature line of the right key with too few bytes
  const raw = Buffer.from(line.trim().split(' ').pop(), 'base64').subarray(0, 75);
  const short = `\u2014 witness.example/w1 ${raw.toString('base64')}\n`;
  await assert.rejects(verifyCosignature(witness.key, await openNote(COSIGNED + short, [await parseVerifierKey(LOG_KEY)])),
    reason('INVALID_SIGNATURE'));
});

/** A witness with a fixed seed: its key (from parseWitnessKey) and a cosign(body, time) giving a signature line. */
async function witnessFromSeed(name, seed) {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const raw = Buffer.from(jwk.x, 'base64url');
  const algAndKey = Buffer.concat([Buffer.of(0x04), raw]);
  const hash = Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.concat([Buffer.from(`${name}\n`), algAndKey])));
  const key = await parseWitnessKey(`${name}+${hash.subarray(0, 4).toString('hex')}+${algAndKey.toString('base64')}`);
  const cosign = async (body, timestamp) => {
    const time = Buffer.alloc(8);
    time.writeBigUInt64BE(timestamp);
    const message = Buffer.from(`cosignature/v1\ntime ${timestamp}\n${body}`);
    const signature = Buffer.from(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, message));
    return `\u2014 ${name} ${Buffer.concat([hash.subarray(0, 4), time, signature]).toString('base64')}\n`;
  };
  return { key, cosign };
}
