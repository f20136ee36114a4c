package dev.sightline.verifier.witness;

import dev.sightline.verifier.merkle.Merkle;
import dev.sightline.verifier.merkle.MerkleVerifier;
import dev.sightline.verifier.note.Checkpoint;
import dev.sightline.verifier.note.CosignatureSigner;
import dev.sightline.verifier.note.NoteException;
import dev.sightline.verifier.note.NoteVerifier;
import dev.sightline.verifier.note.SignedNote;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.sightline.verifier.witness.WitnessOutcome.Reason.INCONSISTENT;
import static dev.sightline.verifier.witness.WitnessOutcome.Reason.MALFORMED;
import static dev.sightline.verifier.witness.WitnessOutcome.Reason.NOT_SIGNED;
import static dev.sightline.verifier.witness.WitnessOutcome.Reason.ROOT_MISMATCH;
import static dev.sightline.verifier.witness.WitnessOutcome.Reason.UNKNOWN_LOG;

/**
 * A c2sp.org/tlog-witness witness: it cosigns a log's checkpoint only when the checkpoint is signed by a key it
 * trusts for the log's origin and extends, by a verified consistency proof, the latest checkpoint it cosigned for
 * that log. Checking the old size and recording the new checkpoint happen under one lock per origin, so two
 * requests can never roll the recorded tree back. One witness object per state store.
 */
public final class Witness {
    private final CosignatureSigner signer;
    private final Map<String, List<NoteVerifier>> logKeys;
    private final WitnessState.Store store;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param logKeys the note keys trusted for each log, by origin
     */
    public Witness(CosignatureSigner signer, Map<String, List<NoteVerifier>> logKeys, WitnessState.Store store,
            Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.logKeys = Map.copyOf(logKeys);
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Answers an {@code add-checkpoint} request body as sent: UTF-8, whatever the request's charset says. */
    public WitnessOutcome add(byte[] body) {
        try {
            return add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return MALFORMED.refuse("the body is not UTF-8");
        }
    }

    /** Answers an {@code add-checkpoint} request body. */
    public WitnessOutcome add(String body) {
        AddCheckpointRequest request;
        try {
            request = AddCheckpointRequest.parse(body);
        } catch (IllegalArgumentException e) {
            return MALFORMED.refuse(e.getMessage());
        }
        return add(request);
    }

    /** Answers an {@code add-checkpoint} request. */
    public WitnessOutcome add(AddCheckpointRequest request) {
        String note = request.note();
        int split = note.lastIndexOf("\n\n");
        Checkpoint claimed;
        try {
            claimed = Checkpoint.parse(split < 0 ? note : note.substring(0, split + 1));
        } catch (IllegalArgumentException e) {
            return MALFORMED.refuse("not a checkpoint: " + e.getMessage());
        }
        List<NoteVerifier> keys = logKeys.get(claimed.origin());
        if (keys == null) {
            return UNKNOWN_LOG.refuse("this witness knows no log with origin " + claimed.origin());
        }
        SignedNote opened;
        Checkpoint checkpoint;
        try {
            opened = SignedNote.open(note, keys);
            checkpoint = Checkpoint.parse(opened.text());
        } catch (NoteException e) {
            return switch (e.reason()) {
                case MALFORMED -> MALFORMED.refuse("not a signed note: " + e.getMessage());
                default -> NOT_SIGNED.refuse("no signature by a key trusted for " + claimed.origin() + " verifies");
            };
        }
        if (request.oldSize() > checkpoint.size()) {
            return MALFORMED.refuse("old size " + request.oldSize() + " is above the checkpoint's size " + checkpoint.size());
        }
        synchronized (locks.computeIfAbsent(checkpoint.origin(), origin -> new Object())) {
            Optional<WitnessState> known = store.load(checkpoint.origin());
            long knownSize = known.map(WitnessState::size).orElse(0L);
            if (request.oldSize() != knownSize) {
                return new WitnessOutcome.SizeMismatch(knownSize);
            }
            byte[] knownRoot = known.map(WitnessState::rootHash).orElse(Merkle.emptyRoot());
            if (knownSize == checkpoint.size() && known.isPresent()
                    && !MessageDigest.isEqual(knownRoot, checkpoint.rootHash())) {
                return ROOT_MISMATCH.refuse("the checkpoint cosigned at size " + knownSize + " has another root hash");
            }
            if (!MerkleVerifier.isConsistencyValid(knownSize, checkpoint.size(), knownRoot, checkpoint.rootHash(),
                    request.proof())) {
                return INCONSISTENT.refuse("the consistency proof from size " + knownSize + " to "
                        + checkpoint.size() + " does not verify");
            }
            store.save(checkpoint.origin(), new WitnessState(checkpoint.size(), checkpoint.rootHash(), note));
            long now = clock.instant().getEpochSecond();
            return new WitnessOutcome.Cosigned(List.of(signer.cosign(opened.text(), now)));
        }
    }

    /** The latest checkpoint cosigned for a log, if any. */
    public Optional<WitnessState> state(String origin) {
        return store.load(origin);
    }

    /**
     * The latest checkpoint cosigned for a log as a signed note: the note as submitted, with this witness's
     * cosignature made now. As c2sp.org/tlog-cosignature has it, the cosignature's time says that at that moment
     * this was the newest checkpoint of the log the witness had cosigned; a client holding it can show that the log
     * once signed it and that the witness saw it, so a log that later rewrites that history cannot deny it.
     */
    public Optional<String> latestCosigned(String origin) {
        return store.load(origin).map(state -> {
            String note = state.note();
            String body = note.substring(0, note.lastIndexOf("\n\n") + 1);
            return SignedNote.withSignatures(note, List.of(signer.cosign(body, clock.instant().getEpochSecond())));
        });
    }

    /** The witness's cosigning key. */
    public CosignatureSigner signer() {
        return signer;
    }
}
