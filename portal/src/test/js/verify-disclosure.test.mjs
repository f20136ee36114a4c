// The browser's disclosure checks on a real signed disclosure (fixtures/, written by the
// disclosure-service's DisclosureWorkflowTest after the offline verifier accepted the very same files;
// see below), then on each part with one byte changed, and the page glue over a fake DOM.
//
// fixtures/ holds report.json (an EU correction, version 2, with its consistency proof from the first EU
// disclosure), report.json.jws, keys.json (the disclosure-service's key set), log-keys.json (the
// audit-service's, with noteKey) and previous.json (the first EU disclosure). They were written by
//   ./mvnw -pl disclosure-service -am verify -Dtest=DisclosureWorkflowTest -Dsurefire.failIfNoSpecifiedTests=false \
//       -DfailIfNoTests=false -Dsightline.browser-fixtures=$PWD/portal/src/test/js/fixtures
// which copies the files its offline-verifier step has just accepted; run it again to replace them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519Available, render, verifyDisclosure, verifyFromDataset, wire }
  from '../../main/resources/META-INF/resources/js/verify-disclosure.js';

const FIXTURES = new URL('fixtures/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const FILES = {
  report: read('report.json'),
  signature: read('report.json.jws'),
  keys: read('keys.json'),
  logKeys: read('log-keys.json'),
  previous: read('previous.json'),
};
const REPORT = JSON.parse(new TextDecoder().decode(FILES.report));
const DIGEST = createHash('sha256').update(FILES.report).digest('hex');

function inputs(changes = {}, extra = {}) {
  const files = { ...FILES, ...changes };
  return {
    report: { name: 'report.json', bytes: files.report },
    signature: { name: 'report.json.jws', bytes: files.signature },
    keys: { name: 'keys.json', bytes: files.keys },
    logKeys: { name: 'log-keys.json', bytes: files.logKeys },
    previous: files.previous === null ? undefined : { name: 'previous.json', bytes: files.previous },
    ...extra,
  };
}

const outcomes = (outcome) => Object.fromEntries(outcome.checks.map((c) => [c.check, c.outcome]));
const detail = (outcome, check) => outcome.checks.find((c) => c.check === check)?.detail;

/** The bytes with the byte at index changed (to another printable ASCII character, so the text stays UTF-8). */
function flip(bytes, index) {
  const copy = bytes.slice();
  copy[index] = copy[index] === 0x41 ? 0x42 : 0x41;
  return copy;
}

/** The index of the first byte of the first occurrence of text after marker. */
function indexOf(bytes, text, marker = '') {
  const string = Buffer.from(bytes).toString('latin1');
  const at = string.indexOf(text, marker ? string.indexOf(marker) : 0);
  assert.ok(at >= 0, `${text} after ${marker}`);
  return at;
}

test('the real disclosure verifies, stating what it proves and what it does not', async () => {
  const outcome = await verifyDisclosure(inputs({}, { expectedDigest: DIGEST }));
  assert.equal(outcome.verified, true, JSON.stringify(outcome.checks, null, 1));
  assert.deepEqual(outcomes(outcome), {
    report: 'ok', digest: 'ok', signature: 'ok', checkpoint: 'ok', consistency: 'ok', 'previous report': 'ok', keys: 'info',
  });
  // the service serves the canonical form, so the digest is the file's SHA-256
  assert.equal(outcome.digest, DIGEST);
  const kid = JSON.parse(Buffer.from(Buffer.from(FILES.signature).toString().split('.')[0], 'base64url')).kid;
  // the disclosure key's kid is its thumbprint, the log key's thumbprint is the one the report names
  assert.match(detail(outcome, 'keys'), new RegExp(`the disclosure key "${kid}" of keys.json: fingerprint ${kid}`));
  assert.match(detail(outcome, 'keys'), new RegExp(`the log key sightline.example/audit-log\\+${REPORT.attestation.logKey.noteKeyId}`
    + ` of log-keys.json: fingerprint ${REPORT.attestation.logKey.thumbprint}`));
  assert.equal(detail(outcome, 'checkpoint'), `log sightline.example/audit-log at size ${REPORT.attestation.checkpoint.size}, `
    + `root ${REPORT.attestation.checkpoint.root}, signed by sightline.example/audit-log+${REPORT.attestation.logKey.noteKeyId}`
    + ' of log-keys.json');
  assert.equal(detail(outcome, 'consistency'), `the log at size ${REPORT.attestation.checkpoint.size} extends the one at size `
    + `${REPORT.attestation.previous.size} attested by disclosure ${REPORT.attestation.previous.disclosureId} (proof of `
    + `${REPORT.attestation.previous.consistencyProof.length} hashes)`);
  assert.equal(outcome.verdict, `Verified: disclosure ${REPORT.disclosureId} (EU, version 2, digest ${DIGEST}) is signed by `
    + `key "${kid}" and attests the audit log at size ${REPORT.attestation.checkpoint.size}, an extension of the log at `
    + `disclosure ${REPORT.attestation.previous.disclosureId} (size ${REPORT.attestation.previous.size}).`);
  assert.match(outcome.published.join('\n'), /Attested by Robert Brandt, Chief Privacy Officer: "I attest/);
  assert.match(outcome.published.join('\n'), /Status, as the report states it: PUBLISHED \(published .* by bob\), superseding/);
  assert.match(outcome.proves.join('\n'), new RegExp(`signed by the holder of the disclosure key "${kid}" \\(fingerprint ${kid}\\)`));
  assert.match(outcome.doesNotProve.join('\n'), /That the figures are true or complete/);
  assert.match(outcome.doesNotProve.join('\n'), /That a key belongs to whom you think/);
});

test('a reformatted report verifies the same: the checks read its canonical form', async () => {
  const pretty = new TextEncoder().encode(JSON.stringify(REPORT, null, 2));
  const outcome = await verifyDisclosure(inputs({ report: pretty }));
  assert.equal(outcome.verified, true, JSON.stringify(outcome.checks, null, 1));
  assert.equal(outcome.digest, DIGEST);
});

test('one byte changed in a figure of the report: the signature and the digest fail', async () => {
  const report = flip(FILES.report, indexOf(FILES.report, 'partnerships') + 200);
  const outcome = await verifyDisclosure(inputs({ report }, { expectedDigest: DIGEST }));
  assert.equal(outcome.verified, false);
  assert.equal(outcomes(outcome).signature, 'fail');
  assert.equal(outcomes(outcome).digest, 'fail');
  assert.equal(outcomes(outcome).checkpoint, 'ok');
  assert.match(detail(outcome, 'signature'), /^report.json.jws does not verify over the canonical form of report.json with key/);
  assert.match(outcome.verdict, /^NOT verified: 2 check\(s\) failed/);
});

test('one byte changed in the JWS: the signature fails', async () => {
  const [header] = Buffer.from(FILES.signature).toString().split('.');
  for (const index of [header.length + 10, 5]) {
    const outcome = await verifyDisclosure(inputs({ signature: flip(FILES.signature, index) }));
    assert.equal(outcome.verified, false);
    assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['signature'], `byte ${index}`);
  }
});

test('one byte changed in the disclosure key: the signature fails', async () => {
  const outcome = await verifyDisclosure(inputs({ keys: flip(FILES.keys, indexOf(FILES.keys, '"x":"') + 10) }));
  assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['signature']);
});

test('one byte changed in the log key: the checkpoint fails, naming why the key was left out', async () => {
  const outcome = await verifyDisclosure(inputs({ logKeys: flip(FILES.logKeys, indexOf(FILES.logKeys, '"noteKey":"') + 50) }));
  assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['checkpoint']);
  assert.match(detail(outcome, 'checkpoint'), /^log-keys.json has no usable note key \(left out of log-keys.json: keys\[0\]/);
});

test('one byte changed in the checkpoint note: the checkpoint fails (and the report signature, which covers it)', async () => {
  const note = indexOf(FILES.report, ' sightline.example/audit-log ', '"checkpoint"');
  const outcome = await verifyDisclosure(inputs({ report: flip(FILES.report, note + 40) }));
  assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['signature', 'checkpoint']);
  assert.match(detail(outcome, 'checkpoint'), /^attestation.checkpoint.note of report.json does not verify with the keys of log-keys.json/);
});

test('one byte changed in the consistency proof: the consistency fails (and the report signature)', async () => {
  const proof = indexOf(FILES.report, '"consistencyProof":["') + 25;
  const outcome = await verifyDisclosure(inputs({ report: flip(FILES.report, proof) }));
  assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['signature', 'consistency']);
  assert.match(detail(outcome, 'consistency'), /^report.json: attestation.previous.consistencyProof does not lead from size 13 to size/);
});

test('one byte changed in the previous report\'s checkpoint root: the previous report fails', async () => {
  const root = indexOf(FILES.previous, '"root":"', '"checkpoint"') + 12;
  const outcome = await verifyDisclosure(inputs({ previous: flip(FILES.previous, root) }));
  assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['previous report']);
  assert.match(detail(outcome, 'previous report'), /^previous.json: its attestation.checkpoint.root is .*, but attestation.previous.root of report.json is/);
});

test('every byte of the JWS, and of every value of the disclosure key, matters', async () => {
  const keyValues = [...Buffer.from(FILES.keys).toString('latin1').matchAll(/"(kty|crv|x|kid|alg|use)":"([^"]*)"/g)]
    .flatMap((m) => Array.from({ length: m[2].length }, (_, i) => m.index + m[1].length + 4 + i));
  assert.equal(keyValues.length, 3 + 7 + 43 + 43 + 5 + 3);
  const cases = [
    ...Array.from(FILES.signature, (_, i) => ['signature', i]),
    ...keyValues.map((i) => ['keys', i]),
  ];
  for (const [part, i] of cases) {
    const outcome = await verifyDisclosure(inputs({ [part]: flip(FILES[part], i) }));
    assert.equal(outcome.verified, false, `${part} byte ${i}`);
    assert.deepEqual(outcome.checks.filter((c) => c.outcome === 'fail').map((c) => c.check), ['signature'], `${part} byte ${i}`);
  }
});

test('a report that is not JSON fails the report check and runs nothing that needs it', async () => {
  const outcome = await verifyDisclosure(inputs({ report: FILES.report.slice(0, 100) }));
  assert.deepEqual(outcomes(outcome), {
    report: 'fail', signature: 'skip', checkpoint: 'skip', consistency: 'skip', 'previous report': 'skip',
  });
  assert.match(detail(outcome, 'report'), /^report.json is not JSON: /);
  assert.equal(outcome.verdict, 'NOT verified: 1 check(s) failed, 4 not run.');
});

test('without the previous report that check is left out; the consistency proof is still checked', async () => {
  const outcome = await verifyDisclosure(inputs({ previous: null }));
  assert.equal(outcome.verified, true);
  assert.equal(outcomes(outcome)['previous report'], undefined);
  assert.equal(outcomes(outcome).consistency, 'ok');
});

test('witness keys the note has no cosignature of fail the witnesses check, naming each', async () => {
  const vkey = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
  const outcome = await verifyDisclosure(inputs({}, { witnessKeys: [vkey] }));
  assert.equal(outcomes(outcome).witnesses, 'fail');
  assert.equal(detail(outcome, 'witnesses'), 'attestation.checkpoint.note of report.json carries 0 of the 1 cosignature(s) '
    + 'required; no cosignature by witness remora.n621.de+da77ade7');
});

// ---- the page ---------------------------------------------------------------------------------

class FakeNode {
  constructor(tag) {
    this.tag = tag;
    this.children = [];
    this.attributes = {};
    this.text = '';
    this.className = '';
    this.listeners = {};
  }

  set textContent(text) {
    this.children = [];
    this.text = text;
  }

  get textContent() {
    return this.text + this.children.map((c) => c.textContent).join(this.tag === 'ul' || this.tag === 'ol' ? '\n' : '');
  }

  append(...nodes) { this.children.push(...nodes); }

  replaceChildren(...nodes) { this.text = ''; this.children = nodes; }

  setAttribute(name, value) { this.attributes[name] = value; }

  removeAttribute(name) { delete this.attributes[name]; }

  addEventListener(type, listener) { this.listeners[type] = listener; }
}

function fakePage(dataset) {
  const nodes = { verify: new FakeNode('button'), 'verify-result': new FakeNode('div'), disclosure: new FakeNode('div') };
  nodes.disclosure.dataset = dataset;
  return {
    nodes,
    doc: {
      getElementById: (id) => nodes[id] ?? null,
      createElement: (tag) => new FakeNode(tag),
      createTextNode: (text) => Object.assign(new FakeNode('#text'), { text }),
    },
  };
}

const SERVED = {
  '/disclosures/d/report.json': FILES.report,
  '/disclosures/d/report.json.jws': FILES.signature,
  '/keys/disclosure': FILES.keys,
  '/keys/audit-log': FILES.logKeys,
  '/disclosures/p/report.json': FILES.previous,
};
const fetched = [];
async function fakeFetch(url) {
  fetched.push(url);
  const bytes = SERVED[new URL(url).pathname];
  return { status: bytes ? 200 : 404, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
}
const DATASET = {
  reportUrl: '/disclosures/d/report.json', jwsUrl: '/disclosures/d/report.json.jws', keysUrl: '/keys/disclosure',
  logKeyUrl: '/keys/audit-log', previousUrl: '/disclosures/p/report.json', checkpointUrl: '/not/fetched',
};

test('the button fetches what the page names, from its own origin, and writes the outcome in words', async () => {
  const { nodes, doc } = fakePage(DATASET);
  const run = wire(doc, 'https://portal.example/disclosures/d', fakeFetch);
  assert.equal(nodes.verify.listeners.click, run);
  fetched.length = 0;
  await run();
  assert.deepEqual(fetched.sort(), ['https://portal.example/disclosures/d/report.json',
    'https://portal.example/disclosures/d/report.json.jws', 'https://portal.example/disclosures/p/report.json',
    'https://portal.example/keys/audit-log', 'https://portal.example/keys/disclosure']);
  const text = nodes['verify-result'].textContent;
  assert.match(text, /^Verified: disclosure /);
  assert.match(text, /What the checks prove, when they all pass/);
  assert.match(text, /What they do not prove/);
  assert.match(text, /signature: passed report.json.jws: EdDSA by key/);
  assert.match(text, /previous report: passed the previous report \/disclosures\/p\/report.json is disclosure/);
  assert.equal(nodes['verify-result'].attributes['aria-busy'], undefined);
  assert.equal(nodes.verify.disabled, false);
});

test('another origin is never fetched, and a missing file is named', async () => {
  const { nodes, doc } = fakePage({ ...DATASET, keysUrl: 'https://elsewhere.example/keys' });
  await wire(doc, 'https://portal.example/disclosures/d', fakeFetch)();
  assert.match(nodes['verify-result'].textContent, /^NOT verified: the disclosure keys https:\/\/elsewhere.example\/keys .* is not on this site/);
  const missing = fakePage({ ...DATASET, previousUrl: '/disclosures/x/report.json' });
  await wire(missing.doc, 'https://portal.example/', fakeFetch)();
  assert.match(missing.nodes['verify-result'].textContent, /answered HTTP 404, not 200/);
});

test('a page without the button is left alone; a page without a URL says which', async () => {
  assert.equal(await ed25519Available(), true, 'this Node has Ed25519 in WebCrypto');
  assert.equal(wire({ getElementById: () => null }, 'https://portal.example/', fakeFetch), null);
  await assert.rejects(verifyFromDataset({ ...DATASET, logKeyUrl: undefined }, 'https://portal.example/', fakeFetch),
    { message: 'the page names no data-log-key-url' });
});

test('a failed check is rendered with its name and FAILED', async () => {
  const { nodes, doc } = fakePage(DATASET);
  render(doc, nodes['verify-result'], await verifyDisclosure(inputs({ keys: flip(FILES.keys, indexOf(FILES.keys, '"x":"') + 10) })));
  assert.match(nodes['verify-result'].textContent, /signature: FAILED report.json.jws does not verify/);
  assert.match(nodes['verify-result'].textContent, /^NOT verified: 1 check\(s\) failed\./);
});
