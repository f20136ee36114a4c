package dev.sightline.disclosure.reports;

import com.openhtmltopdf.pdfboxout.PageSupplier;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The pages of a tagged report, as openhtmltopdf asks for them: each with a {@code /Properties} resource that names
 * its marked-content property lists in constant time, writes them inline, and marks every background as one plain
 * artifact.
 *
 * <p>A tagged page opens a marked-content sequence with a property list for every piece of text (its MCID) and, in
 * openhtmltopdf 1.1.31, for every block box it paints (a {@code /Background} artifact with the box's {@code /BBox};
 * the check that should skip boxes without a background or border always passes, since {@code background-image}
 * is now a list): some 550 on a page of a figure table, most of them empty. PDFBox names each by first searching the
 * page's property lists for it, one by one, so a page costs the square of its sequences; and it writes every one as
 * an indirect object. Here the search is by identity in a hash map, each property list is written directly inside
 * the page's resources (ISO 32000-1 14.6.2 allows it), and the backgrounds of a page (cell borders and shading) all
 * name one empty property list: they stay artifacts, outside the structure tree as PDF/UA requires, only without
 * the optional type and bounding box (ISO 32000-1 table 330: the box is required only of an artifact typed
 * {@code /Background}). That was some 56,000 dictionaries in a 20-partnership report, most of the work of writing
 * it. The content streams, the MCIDs and the structure tree are exactly as before.
 */
final class TaggedPages implements PageSupplier {
    @Override
    public PDPage requestPage(PDDocument document, float width, float height, int pageNumber, int shadowPageNumber) {
        PDPage page = new PDPage(new PDRectangle(width, height));
        COSDictionary resources = new COSDictionary();
        resources.setItem(COSName.PROPERTIES, new PropertyLists());
        page.setResources(new PDResources(resources));
        document.addPage(page);
        return page;
    }

    /**
     * A page's {@code /Properties}: each property list found by identity and written as a direct object, and every
     * background artifact named by the page's one plain artifact property list.
     */
    private static final class PropertyLists extends COSDictionary {
        private static final COSName BACKGROUNDS = COSName.getPDFName("Backgrounds");

        private final Map<Object, COSName> names = new IdentityHashMap<>();

        @Override
        public void setItem(COSName key, COSBase value) {
            COSBase previous = getItem(key);
            if (previous != null) {
                names.remove(previous);
            }
            if (value != null) {
                value.setDirect(true);
                names.put(value, key);
            }
            super.setItem(key, value);
        }

        @Override
        public void removeItem(COSName key) {
            COSBase previous = getItem(key);
            if (previous != null) {
                names.remove(previous);
            }
            super.removeItem(key);
        }

        @Override
        public boolean containsValue(Object value) {
            if (background(value)) {
                if (!containsKey(BACKGROUNDS)) {
                    setItem(BACKGROUNDS, new COSDictionary());
                }
                return true;
            }
            return names.containsKey(value);
        }

        @Override
        public COSName getKeyForValue(Object value) {
            return background(value) ? BACKGROUNDS : names.get(value);
        }

        /** A background artifact's property list as openhtmltopdf makes it: its type and its bounding box. */
        private static boolean background(Object value) {
            return value instanceof COSDictionary d && d.size() == 2
                    && COSName.BACKGROUND.equals(d.getCOSName(COSName.TYPE)) && d.containsKey(COSName.BBOX);
        }
    }
}
