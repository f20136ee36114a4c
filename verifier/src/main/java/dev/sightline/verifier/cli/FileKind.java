package dev.sightline.verifier.cli;

/**
 * What a downloaded file is, told from its bytes, never its name: a PDF starts with {@code %PDF-}, the CSV with the
 * UTF-8 byte order mark the disclosure-service writes, and anything else is read as the JSON report (and fails as
 * "not JSON" when it is not). Each kind has its name in the disclosure's manifest.
 */
enum FileKind {
    JSON("report.json"), PDF("report.pdf"), CSV("report.csv");

    /** The name of the report's signature in the manifest and among a PDF's attachments. */
    static final String SIGNATURE = "report.json.jws";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String manifestName;

    FileKind(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The file's name in the manifest and, for the JSON report, among a PDF's attachments. */
    String manifestName() {
        return manifestName;
    }

    static FileKind of(byte[] bytes) {
        if (startsWith(bytes, PDF_MAGIC)) {
            return PDF;
        }
        return startsWith(bytes, UTF8_BOM) ? CSV : JSON;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
