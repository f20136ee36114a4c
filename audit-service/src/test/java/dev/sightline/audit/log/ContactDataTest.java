package dev.sightline.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactDataTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jane.doe@example.com | an e-mail address",
        "contact li.wei@psb.example.cn now | an e-mail address",
        "tel:4915123456789 | a phone number",
        "TEL:+49 151 23456789 | a phone number",
        "+49 151 2345 6789 | a phone number",
        "0049 151-2345-6789 | a phone number",
        "Officer Li, 0151 23456789 | a phone number",
        "+86 138 0013 8000 | a phone number",
        "DE89 3704 0044 0532 0130 00 | an IBAN",
        "pay to GB82WEST12345698765432 today | an IBAN",
        "fr1420041010050500013m02606 | an IBAN" })
    void findsContactData(String text, String kind) {
        assertEquals(kind, ContactData.find(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "nimbus-llm-gateway", "2026-10-01", "1.2.3", "Regulation (EU) 2016/679 Art. 6(1)(c)",
        "Data Security Law art. 35", "case 2026-10-01", "Bureau DE00 1234 5678 9012 3456 78", "v20261001",
        "Municipal Public Security Bureau", "gpt-4o-2024-08-06", "build 123456789" })
    void leavesOtherTextAlone(String text) {
        assertNull(ContactData.find(text));
    }
}
