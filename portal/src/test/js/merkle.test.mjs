// RFC 9162 proofs, on the verifier module's vectors: verifier/src/test/resources/transparency-dev (the
// testdata of transparency-dev/merkle), and the proofs, corruptions and edge cases of its ProofVectorsTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  InvalidProofError, emptyRoot, isConsistencyValid, isInclusionValid, leafHash, nodeHash, rootFromInclusionProof,
  verifyConsistency, verifyInclusion,
} from '../../main/resources/META-INF/resources/js/merkle.js';

const VECTORS = new URL('../../../../verifier/src/test/resources/transparency-dev/', import.meta.url);
const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
const b64 = (s) => Uint8Array.from(Buffer.from(s, 'base64'));
const utf8 = (s) => new TextEncoder().encode(s);

const EMPTY_ROOT = hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

// testonly/constants.go: leaves and the roots of sizes 0..8.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

// verify_test.go inclusionProofs (leaf 1-based) and consistencyProofs.
const INCLUSION = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [2, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
].map(([leaf, size, proof]) => ({ leaf, size, proof: proof.map(hex) }));
const CONSISTENCY = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
].map(([size1, size2, proof]) => ({ size1, size2, proof: proof.map(hex) }));

const withNode = (proof, node, first) => (first ? [node, ...proof] : [...proof, node]);
const flip = (proof, i, mask) => proof.map((node, j) => {
  if (j !== i) {
    return node;
  }
  const copy = node.slice();
  copy[0] ^= mask;
  return copy;
});

test('the RFC 6962 leaf hashes and roots', async () => {
  assert.deepEqual(await emptyRoot(), ROOTS[0]);
  assert.deepEqual(await leafHash(LEAVES[0]), ROOTS[1]);
  assert.deepEqual(await nodeHash(await leafHash(LEAVES[0]), await leafHash(LEAVES[1])), ROOTS[2]);
});

for (const v of INCLUSION) {
  const index = v.leaf - 1;
  test(`known inclusion proof of leaf ${index} of ${v.size} verifies, its corruptions do not`, async () => {
    const leaf = await leafHash(LEAVES[index]);
    const root = ROOTS[v.size];
    await verifyInclusion(index, v.size, leaf, v.proof, root);
    assert.deepEqual(await rootFromInclusionProof(index, v.size, leaf, v.proof), root);
    // verify_test.go corruptInclusionProof
    const probes = [
      ['leafIndex - 1', index - 1, v.size, leaf, root, v.proof],
      ['leafIndex + 1', index + 1, v.size, leaf, root, v.proof],
      ['leafIndex ^ 2', index ^ 2, v.size, leaf, root, v.proof],
      ['treeSize * 2', index, v.size * 2, leaf, root, v.proof],
      ['treeSize / 2', index, Math.floor(v.size / 2), leaf, root, v.proof],
      ['wrong leaf', index, v.size, utf8('WrongLeaf'), root, v.proof],
      ['empty root', index, v.size, leaf, EMPTY_ROOT, v.proof],
      ['random root', index, v.size, leaf, SOME_HASH, v.proof],
      ['trailing garbage', index, v.size, leaf, root, withNode(v.proof, new Uint8Array(0), false)],
      ['trailing root', index, v.size, leaf, root, withNode(v.proof, root, false)],
      ['preceding garbage', index, v.size, leaf, root, withNode(v.proof, new Uint8Array(0), true)],
      ['preceding root', index, v.size, leaf, root, withNode(v.proof, root, true)],
      ...v.proof.map((_, i) => [`modified proof[${i}] bit 3`, index, v.size, leaf, root, flip(v.proof, i, 8)]),
    ];
    if (v.proof.length > 0) {
      probes.push(['removed component', index, v.size, leaf, root, v.proof.slice(0, -1)]);
    }
    if (v.proof.length > 1) {
      probes.push(['inserted component', index, v.size, leaf, root, [v.proof[0], SOME_HASH, ...v.proof.slice(1)]]);
    }
    for (const [desc, i, size, l, r, proof] of probes) {
      assert.equal(await isInclusionValid(i, size, l, proof, r), false, desc);
    }
  });
}

for (const v of CONSISTENCY) {
  test(`known consistency proof from ${v.size1} to ${v.size2} verifies, its corruptions do not`, async () => {
    const root1 = ROOTS[v.size1];
    const root2 = ROOTS[v.size2];
    await verifyConsistency(v.size1, v.size2, root1, root2, v.proof);
    if (v.proof.length === 0) {
      return;
    }
    const wrong = utf8('WrongRoot');
    // verify_test.go corruptConsistencyProof
    const probes = [
      ['size1 - 1', v.size1 - 1, v.size2, root1, root2, v.proof],
      ['size1 + 1', v.size1 + 1, v.size2, root1, root2, v.proof],
      ['size1 ^ 2', v.size1 ^ 2, v.size2, root1, root2, v.proof],
      ['size2 * 2', v.size1, v.size2 * 2, root1, root2, v.proof],
      ['size2 / 2', v.size1, Math.floor(v.size2 / 2), root1, root2, v.proof],
      ['wrong root1', v.size1, v.size2, wrong, root2, v.proof],
      ['wrong root2', v.size1, v.size2, root1, wrong, v.proof],
      ['swapped roots', v.size1, v.size2, root2, root1, v.proof],
      ['empty proof', v.size1, v.size2, root1, root2, []],
      ['trailing garbage', v.size1, v.size2, root1, root2, withNode(v.proof, new Uint8Array(0), false)],
      ['trailing root1', v.size1, v.size2, root1, root2, withNode(v.proof, root1, false)],
      ['trailing root2', v.size1, v.size2, root1, root2, withNode(v.proof, root2, false)],
      ['preceding garbage', v.size1, v.size2, root1, root2, withNode(v.proof, new Uint8Array(0), true)],
      ['preceding root1', v.size1, v.size2, root1, root2, withNode(v.proof, root1, true)],
      ['preceding root2', v.size1, v.size2, root1, root2, withNode(v.proof, root2, true)],
      ['preceding proof[0]', v.size1, v.size2, root1, root2, withNode(v.proof, v.proof[0], true)],
      ['truncated proof', v.size1, v.size2, root1, root2, v.proof.slice(0, -1)],
      ...v.proof.map((_, i) => [`modified proof[${i}] bit 4`, v.size1, v.size2, root1, root2, flip(v.proof, i, 16)]),
    ];
    for (const [desc, a, b, x, y, proof] of probes) {
      assert.equal(await isConsistencyValid(a, b, x, y, proof), false, desc);
    }
  });
}

test('a single-entry tree needs matching well-formed hashes', async () => {
  const hash = await leafHash(utf8('data'));
  assert.equal(await isInclusionValid(0, 1, hash, [], hash), true);
  assert.equal(await isInclusionValid(0, 1, new Uint8Array(0), [], hash), false);
  assert.equal(await isInclusionValid(0, 1, hash, [], new Uint8Array(0)), false);
  assert.equal(await isInclusionValid(0, 1, new Uint8Array(0), [], new Uint8Array(0)), false);
});

test('inclusion outside the tree is rejected', async () => {
  for (const [index, size] of [[0, 0], [1, 0], [2, 1], [-1, 4]]) {
    await assert.rejects(verifyInclusion(index, size, SOME_HASH, [], EMPTY_ROOT),
      (e) => e instanceof InvalidProofError && e.message.includes('not in a tree'));
  }
});

test('trivial consistency cases, as MerkleVerifier decides them', async () => {
  const root1 = await leafHash(utf8("don't care 1"));
  const root2 = await leafHash(utf8("don't care 2"));
  const cases = [
    [false, 0, 0, root1, root2, [], 'different roots at 0'],
    [false, 1, 1, root1, root2, [], 'different roots at 1'],
    [true, 0, 0, EMPTY_ROOT, EMPTY_ROOT, [], '0 to 0'],
    [true, 0, 1, EMPTY_ROOT, root2, [], '0 to 1'],
    [true, 0, 5, EMPTY_ROOT, root2, [], '0 to 5'],
    [true, 1, 1, root2, root2, [], '1 to 1'],
    [false, 0, 0, root1, root1, [], 'size 0 with a non-empty root'],
    [false, 0, 1, root1, root2, [], 'size 0 with a non-empty root'],
    [false, 1, 0, root1, root2, [], 'time travel'],
    [false, 2, 1, root1, root2, [], 'time travel'],
    [false, 1, 2, root1, root2, [], 'empty proof'],
    [false, 0, 0, EMPTY_ROOT, root2, [], 'roots differ'],
    [false, 1, 1, EMPTY_ROOT, root2, [], 'roots differ'],
    [false, 0, 0, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], 'proof not empty'],
    [false, 0, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], 'proof not empty'],
    [false, 1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], 'proof not empty'],
    [false, 0, 1, new Uint8Array(0), root2, [], 'malformed root'],
    [false, -1, 1, EMPTY_ROOT, root2, [], 'negative size'],
  ];
  for (const [expected, a, b, x, y, proof, desc] of cases) {
    assert.equal(await isConsistencyValid(a, b, x, y, proof), expected, desc);
  }
});

for (const name of ['0-happy-path', '1-happy-path', '2-happy-path', '2-treeSize-div-2', '4-modified-proof[1]-bit-3']) {
  test(`transparency-dev inclusion file ${name}`, async () => {
    const v = JSON.parse(readFileSync(new URL(`inclusion/${name}.json`, VECTORS), 'utf8'));
    assert.equal(await isInclusionValid(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root)),
      !v.wantErr, v.desc);
  });
}

for (const name of ['0-happy-path', '1-happy-path', '2-swapped-roots', '3-truncated-proof', '4-happy-path']) {
  test(`transparency-dev consistency file ${name}`, async () => {
    const v = JSON.parse(readFileSync(new URL(`consistency/${name}.json`, VECTORS), 'utf8'));
    assert.equal(await isConsistencyValid(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64)),
      !v.wantErr, v.desc);
  });
}

// RFC 9162 section 2.1: MTH, PATH and SUBPROOF as written there, for the laws below.
async function mth(leaves) {
  if (leaves.length === 0) {
    return emptyRoot();
  }
  if (leaves.length === 1) {
    return leafHash(leaves[0]);
  }
  const k = largestPowerOfTwoBelow(leaves.length);
  return nodeHash(await mth(leaves.slice(0, k)), await mth(leaves.slice(k)));
}

function largestPowerOfTwoBelow(n) {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

async function path(m, leaves) {
  if (leaves.length === 1) {
    return [];
  }
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k ? [...await path(m, leaves.slice(0, k)), await mth(leaves.slice(k))]
    : [...await path(m - k, leaves.slice(k)), await mth(leaves.slice(0, k))];
}

async function subproof(m, leaves, complete) {
  const n = leaves.length;
  if (m === n) {
    return complete ? [] : [await mth(leaves)];
  }
  const k = largestPowerOfTwoBelow(n);
  return m <= k ? [...await subproof(m, leaves.slice(0, k), complete), await mth(leaves.slice(k))]
    : [...await subproof(m - k, leaves.slice(k), false), await mth(leaves.slice(0, k))];
}

test('every inclusion and consistency proof of trees up to 17 leaves verifies, and fails with another root', async () => {
  const leaves = Array.from({ length: 17 }, (_, i) => utf8(`entry ${i}`));
  const roots = [];
  for (let n = 0; n <= leaves.length; n++) {
    roots.push(await mth(leaves.slice(0, n)));
  }
  for (let n = 1; n <= leaves.length; n++) {
    for (let m = 0; m < n; m++) {
      const proof = await path(m, leaves.slice(0, n));
      const leaf = await leafHash(leaves[m]);
      assert.equal(await isInclusionValid(m, n, leaf, proof, roots[n]), true, `leaf ${m} of ${n}`);
      assert.equal(await isInclusionValid(m, n, leaf, proof, roots[n - 1]), false, `leaf ${m} of ${n}, old root`);
    }
    for (let m = 1; m < n; m++) {
      const proof = await subproof(m, leaves.slice(0, n), true);
      assert.equal(await isConsistencyValid(m, n, roots[m], roots[n], proof), true, `${m} to ${n}`);
      assert.equal(await isConsistencyValid(m, n, roots[m - 1], roots[n], proof), false, `${m} to ${n}, old root`);
      // BigInt sizes take the same path
      assert.equal(await isConsistencyValid(BigInt(m), BigInt(n), roots[m], roots[n], proof), true);
    }
  }
});
