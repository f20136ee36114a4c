package dev.sightline.verifier.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One input as read: its name (the file or URL as given on the command line) and its bytes. */
record Input(String name, byte[] bytes) {

    Input {
        Objects.requireNonNull(name, "name");
        bytes = bytes.clone();
    }

    /** The bytes as UTF-8 text; invalid UTF-8 is a failure naming the input. */
    String text() throws CheckFailure {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckFailure(name + " is not UTF-8 text");
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
