package dev.sightline.verifier.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded files of a PDF (its {@code EmbeddedFiles} name tree, where PDF/A-3 keeps its attachments), by file
 * name, decoded from their stream filters. PDFBox reads the PDF: the file structure, cross-reference streams and
 * filters of PDF 1.7 / ISO 32000 are more than a verifier should parse by hand.
 */
final class PdfAttachments {

    private PdfAttachments() {
    }

    /**
     * Every attachment of the PDF by its file name (the Unicode name when it has one).
     *
     * @throws CheckFailure naming the input when it is not a readable PDF, or two attachments share a name
     */
    static Map<String, byte[]> read(Input pdf) throws CheckFailure {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            if (tree != null) {
                collect(tree, attachments, pdf, new ArrayList<>());
            }
        } catch (IOException e) {
            throw new CheckFailure(pdf.name() + " is not a readable PDF: " + e.getMessage());
        }
        return attachments;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, Map<String, byte[]> attachments,
            Input pdf, List<PDNameTreeNode<PDComplexFileSpecification>> seen) throws IOException, CheckFailure {
        // a malformed tree may loop back on itself
        if (seen.stream().anyMatch(n -> n.getCOSObject() == node.getCOSObject())) {
            return;
        }
        seen.add(node);
        Map<String, PDComplexFileSpecification> named = node.getNames();
        if (named != null) {
            for (Map.Entry<String, PDComplexFileSpecification> entry : named.entrySet()) {
                PDComplexFileSpecification spec = entry.getValue();
                String name = spec.getFileUnicode() != null ? spec.getFileUnicode()
                        : spec.getFilename() != null ? spec.getFilename() : entry.getKey();
                PDEmbeddedFile file = spec.getEmbeddedFileUnicode() != null ? spec.getEmbeddedFileUnicode()
                        : spec.getEmbeddedFile();
                if (file == null) {
                    continue;
                }
                if (attachments.put(name, file.toByteArray()) != null) {
                    throw new CheckFailure(pdf.name() + " has two attachments named " + name);
                }
            }
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                collect(kid, attachments, pdf, seen);
            }
        }
    }
}
