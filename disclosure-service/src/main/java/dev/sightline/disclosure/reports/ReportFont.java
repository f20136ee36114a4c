package dev.sightline.disclosure.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The one font a report is printed in: Noto Sans SC (Latin and Chinese, SIL Open Font License 1.1, licence in
 * {@code fonts/NotoSansSC-OFL.txt}), Regular and Bold, shipped in the service's jar by the build and never read from
 * the operating system. Parsed once; a PDF embeds the subset it uses. A character the font has no glyph for is
 * never dropped: {@link #requirePrintable} fails with {@link UnprintableTextException} instead.
 */
public final class ReportFont {
    public static final String FAMILY = "Noto Sans SC";

    private static final ReportFont INSTANCE = new ReportFont();

    private final TrueTypeFont regular;
    private final TrueTypeFont bold;
    private final CmapLookup cmap;

    private ReportFont() {
        this.regular = parse("NotoSansSC-Regular.ttf");
        this.bold = parse("NotoSansSC-Bold.ttf");
        try {
            this.cmap = regular.getUnicodeCmapLookup();
        } catch (IOException e) {
            throw new UncheckedIOException("fonts/NotoSansSC-Regular.ttf has no Unicode cmap", e);
        }
    }

    static ReportFont get() {
        return INSTANCE;
    }

    private static TrueTypeFont parse(String file) {
        try (InputStream in = ReportFont.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("fonts/" + file + " is missing from the classpath: the build unpacks "
                        + "it (maven-antrun-plugin, execution report-font)");
            }
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            // Latin and Chinese need no glyph substitution; PDFBox would otherwise run the font's large GSUB table
            // over every text run, which made a long report's PDF many times slower
            font.setEnableGsub(false);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fonts/" + file, e);
        }
    }

    TrueTypeFont regular() {
        return regular;
    }

    TrueTypeFont bold() {
        return bold;
    }

    /**
     * The first character of the text the font cannot print (a code point), or -1 when it prints all of it. Line
     * breaks and tabs are layout, not glyphs.
     */
    public static int firstUnprintable(String text) {
        if (text == null) {
            return -1;
        }
        ReportFont font = INSTANCE;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                continue;
            }
            if (font.cmap.getGlyphId(cp) <= 0) {
                return cp;
            }
        }
        return -1;
    }

    /** The text, if the font prints every character of it; {@link UnprintableTextException} otherwise. */
    public static String requirePrintable(String text, String where) {
        int cp = firstUnprintable(text);
        if (cp >= 0) {
            throw new UnprintableTextException(where, cp);
        }
        return text;
    }
}
