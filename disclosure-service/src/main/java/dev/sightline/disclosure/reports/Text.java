package dev.sightline.disclosure.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * Words a report shows, in English and, where the report is bilingual (CN), in Chinese too; {@code zh} is left out
 * of the JSON where the report is English only.
 */
public record Text(String en, @JsonInclude(Include.NON_NULL) String zh) {

    /** The same words in the languages of a report: Chinese dropped unless it is one of them. */
    public Text in(List<String> languages) {
        return languages.contains("zh") || zh == null ? this : new Text(en, null);
    }

    /** As printed: "中文 / English" where both are there, else English. */
    public String printed() {
        return zh == null || zh.isEmpty() ? en : zh + " / " + en;
    }
}
