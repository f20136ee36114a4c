package dev.sightline.audit.analytics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The dense numbering of pseudonymous subject references (only the worker, under its lock, adds to it). */
final class SubjectIds {
    private SubjectIds() {
    }

    /** Ids of the references, numbering new ones after the highest when {@code create}. */
    static Map<String, Integer> resolve(Connection c, Collection<String> refs, boolean create) throws SQLException {
        Map<String, Integer> ids = new HashMap<>(refs.size() * 2);
        if (refs.isEmpty()) {
            return ids;
        }
        Array wanted = c.createArrayOf("text", refs.toArray());
        try (PreparedStatement select = c.prepareStatement("SELECT ref, id FROM subject WHERE ref = ANY(?)")) {
            select.setArray(1, wanted);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        if (!create || ids.size() == refs.size()) {
            return ids;
        }
        List<String> missing = new ArrayList<>(new TreeSet<>(refs));
        missing.removeIf(ids::containsKey);
        int next;
        try (var rows = c.createStatement().executeQuery("SELECT coalesce(max(id) + 1, 0) FROM subject")) {
            rows.next();
            next = rows.getInt(1);
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO subject (id, ref) SELECT * FROM unnest(?::integer[], ?::text[])")) {
            Integer[] newIds = new Integer[missing.size()];
            for (int i = 0; i < newIds.length; i++) {
                newIds[i] = next + i;
                ids.put(missing.get(i), newIds[i]);
            }
            insert.setArray(1, c.createArrayOf("integer", newIds));
            insert.setArray(2, c.createArrayOf("text", missing.toArray()));
            insert.executeUpdate();
        }
        return ids;
    }
}
