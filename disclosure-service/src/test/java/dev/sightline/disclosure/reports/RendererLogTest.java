package dev.sightline.disclosure.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openhtmltopdf.util.LogMessageId;
import com.openhtmltopdf.util.XRLog;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * openhtmltopdf's warnings reach the service's log once the renderer is loaded; its chatter about every rendering
 * does not.
 */
class RendererLogTest {
    @Test
    void theLibrarysWarningsAreLoggedAndItsInformationIsNot() throws ClassNotFoundException {
        // loading the renderer installs its logger
        Class.forName(PdfRenderer.class.getName(), true, PdfRenderer.class.getClassLoader());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("com.openhtmltopdf");
        logger.addHandler(handler);
        try {
            XRLog.log(Level.INFO, LogMessageId.LogMessageId0Param.GENERAL_PDF_USING_FAST_MODE);
            XRLog.log(Level.WARNING, LogMessageId.LogMessageId1Param.LOAD_EXCEPTION_MESSAGE, "a broken resource");
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size(), "one record of two messages");
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("a broken resource"), records.get(0).getMessage());
    }
}
