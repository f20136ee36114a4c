package dev.sightline.disclosure.reports;

import com.openhtmltopdf.css.extend.StylesheetFactory;
import com.openhtmltopdf.css.sheet.StylesheetInfo;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import java.io.StringReader;
import java.util.Set;

/**
 * openhtmltopdf's XHTML handling with a user-agent style sheet cut to the elements {@link PdfRenderer} writes.
 * The library's own sheet has 160 selectors for every HTML element (forms, lists, frames, direction attributes…),
 * and its matcher tries each selector on each element: on a 20-partnership report (about 60,000 elements) that was
 * a tenth of a rendering. The rules kept are the library's own for those elements, word for word, so the layout is
 * unchanged; {@link #ELEMENTS} lists them, and a test fails when the report's HTML uses an element not in it.
 */
final class ReportUserAgent extends XhtmlNamespaceHandler {
    /** The elements the report's HTML may use: those the sheet below styles, and the inline ones it need not. */
    static final Set<String> ELEMENTS = Set.of("html", "head", "title", "meta", "style", "body", "div", "h1", "h2",
            "h3", "p", "span", "br", "table", "thead", "tbody", "tr", "th", "td");

    private static final String SHEET = """
            html, body, div, h1, h2, h3, p { display: block }
            head { display: none }
            body { margin: 8px }
            h1 { font-size: 2em; margin: .67em 0 }
            h2 { font-size: 1.5em; margin: .75em 0 }
            h3 { font-size: 1.17em; margin: .83em 0 }
            p { margin: 1.12em 0 }
            h1, h2, h3 { font-weight: bold; }
            br:before { content: "\\A"; white-space: pre-line; }
            @page { margin: 0.5in; }
            table { display: table; border-spacing: 2px; border-collapse: separate; margin-top: 0; margin-bottom: 0;
              text-indent: 0; }
            tr { display: table-row; vertical-align: inherit; }
            tbody { display: table-row-group; vertical-align: middle; }
            thead { display: table-header-group; vertical-align: middle; }
            td { display: table-cell; vertical-align: inherit; text-align: inherit; padding: 1px; }
            th { display: table-cell; vertical-align: inherit; font-weight: bold; padding: 1px; }
            """;

    /** Parsed once, like the library's own sheet. */
    private static StylesheetInfo parsed;

    @Override
    public StylesheetInfo getDefaultStylesheet(StylesheetFactory factory) {
        synchronized (ReportUserAgent.class) {
            if (parsed == null) {
                StylesheetInfo info = new StylesheetInfo();
                info.setUri("sightline:report-user-agent.css");
                info.setOrigin(StylesheetInfo.USER_AGENT);
                info.setMedia("all");
                info.setType("text/css");
                info.setStylesheet(factory.parse(new StringReader(SHEET), info));
                parsed = info;
            }
            return parsed;
        }
    }
}
