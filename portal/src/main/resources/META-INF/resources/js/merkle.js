// RFC 9162 Merkle tree hashing and proof verification (sections 2.1.1, 2.1.3.2 and 2.1.4.2), with the
// edge cases the verifier module's MerkleVerifier decides:
// - every hash (leaf hash, roots, proof nodes) must be exactly 32 bytes, even where it would not be used;
// - inclusion needs 0 <= index < size; nothing is included in the empty tree;
// - consistency from size 0 needs an empty proof and the empty-tree root SHA-256("") as the old root;
// - consistency of a size with itself needs an empty proof and equal roots;
// - shrinking or negative sizes are rejected.
// Sizes and indexes are numbers or BigInts (kept as BigInts inside, so sizes beyond 2^32 work).
// SHA-256 comes from WebCrypto, so every function that hashes is async.

export const HASH_SIZE = 32;

/** A proof that does not verify; the message says why. */
export class InvalidProofError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidProofError';
  }
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** SHA-256(0x00 || data). */
export async function leafHash(data) {
  return sha256(concat([Uint8Array.of(0), data]));
}

/** SHA-256(0x01 || left || right). */
export async function nodeHash(left, right) {
  return sha256(concat([Uint8Array.of(1), left, right]));
}

/** The root of the empty tree, SHA-256(""). */
export async function emptyRoot() {
  return sha256(new Uint8Array(0));
}

/** The root that an inclusion proof implies for the leaf hash at index in a tree of size leaves. */
export async function rootFromInclusionProof(index, size, leaf, proof) {
  const fnStart = toBig(index, 'leaf index');
  const snStart = toBig(size, 'tree size');
  if (fnStart < 0n || fnStart >= snStart) {
    throw new InvalidProofError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  requireHash(leaf, 'leaf hash');
  requireNodes(proof);
  let fn = fnStart;
  let sn = snStart - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      throw new InvalidProofError('inclusion proof is too long');
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      // On the right edge the tree skips levels where the node has no sibling.
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new InvalidProofError('inclusion proof is too short');
  }
  return r;
}

/** Checks that leaf is leaf index of the tree of size leaves with root; throws InvalidProofError. */
export async function verifyInclusion(index, size, leaf, proof, root) {
  requireHash(root, 'root');
  const computed = await rootFromInclusionProof(index, size, leaf, proof);
  if (!equalBytes(computed, root)) {
    throw new InvalidProofError('inclusion proof leads to a different root');
  }
}

/** verifyInclusion as a boolean. */
export async function isInclusionValid(index, size, leaf, proof, root) {
  return isValid(() => verifyInclusion(index, size, leaf, proof, root));
}

/**
 * Checks that the tree of newSize leaves with newRoot extends the one of oldSize leaves with oldRoot;
 * throws InvalidProofError naming why not.
 */
export async function verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof) {
  const size1 = toBig(oldSize, 'old size');
  const size2 = toBig(newSize, 'new size');
  if (size1 < 0n || size2 < size1) {
    throw new InvalidProofError(`no consistency from size ${oldSize} to ${newSize}`);
  }
  requireHash(oldRoot, 'old root');
  requireHash(newRoot, 'new root');
  requireNodes(proof);
  if (size1 === 0n) {
    requireEmptyProof(proof);
    if (!equalBytes(oldRoot, await emptyRoot())) {
      throw new InvalidProofError('a tree of size 0 must have the empty root');
    }
    if (size2 === 0n && !equalBytes(newRoot, oldRoot)) {
      throw new InvalidProofError('roots of the same size differ');
    }
    return;
  }
  if (size1 === size2) {
    requireEmptyProof(proof);
    if (!equalBytes(oldRoot, newRoot)) {
      throw new InvalidProofError('roots of the same size differ');
    }
    return;
  }
  if (proof.length === 0) {
    throw new InvalidProofError('consistency proof is empty');
  }
  // When the old tree is a perfect subtree its root is the proof's implicit first node.
  let next = 0;
  const first = isPowerOfTwo(size1) ? oldRoot : proof[next++];
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = first;
  let sr = first;
  for (; next < proof.length; next++) {
    const c = proof[next];
    if (sn === 0n) {
      throw new InvalidProofError('consistency proof is too long');
    }
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new InvalidProofError('consistency proof is too short');
  }
  if (!equalBytes(fr, oldRoot)) {
    throw new InvalidProofError('consistency proof does not lead to the old root');
  }
  if (!equalBytes(sr, newRoot)) {
    throw new InvalidProofError('consistency proof does not lead to the new root');
  }
}

/** verifyConsistency as a boolean. */
export async function isConsistencyValid(oldSize, newSize, oldRoot, newRoot, proof) {
  return isValid(() => verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff === 0;
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function isValid(verify) {
  try {
    await verify();
    return true;
  } catch (e) {
    if (e instanceof InvalidProofError) {
      return false;
    }
    throw e;
  }
}

function toBig(value, what) {
  if (typeof value === 'bigint') {
    return value;
  }
  if (!Number.isSafeInteger(value)) {
    throw new InvalidProofError(`${what} ${value} is not a whole number`);
  }
  return BigInt(value);
}

function isPowerOfTwo(n) {
  return (n & (n - 1n)) === 0n;
}

function isHash(hash) {
  return hash instanceof Uint8Array && hash.length === HASH_SIZE;
}

function requireHash(hash, what) {
  if (!isHash(hash)) {
    throw new InvalidProofError(`${what} is not a ${HASH_SIZE}-byte hash`);
  }
}

function requireNodes(proof) {
  if (!Array.isArray(proof)) {
    throw new InvalidProofError('proof is not a list of hashes');
  }
  proof.forEach((node, i) => requireHash(node, `proof node ${i}`));
}

function requireEmptyProof(proof) {
  if (proof.length !== 0) {
    throw new InvalidProofError('proof must be empty for these sizes');
  }
}
