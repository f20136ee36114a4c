package dev.sightline.audit.log;

import dev.sightline.verifier.note.Cosignature;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The witnesses' cosignatures of checkpoints, as stored (table {@code checkpoint_cosignature}, append-only). */
@ApplicationScoped
class Cosignatures {
    private final AgroalDataSource dataSource;

    Cosignatures(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored cosignature: whose, its note signature line and when the witness made it. */
    record Stored(String witness, String keyName, String keyId, String line, Instant cosignedAt) {
    }

    /** Stores a verified cosignature; storing the same one again changes nothing. */
    void store(long treeSize, String witness, Cosignature cosignature) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO checkpoint_cosignature "
                        + "(tree_size, witness, key_name, key_id, signature, cosigned_at, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, treeSize);
            insert.setString(2, witness);
            insert.setString(3, cosignature.name());
            insert.setString(4, cosignature.signature().keyIdHex());
            insert.setString(5, cosignature.line());
            insert.setTimestamp(6, Timestamp.from(cosignature.time()));
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** The cosignatures of these checkpoints, by tree size, in the order the witnesses are named. */
    Map<Long, List<Stored>> of(Collection<Long> treeSizes) throws SQLException {
        Map<Long, List<Stored>> found = new HashMap<>();
        if (treeSizes.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT tree_size, witness, key_name, key_id, "
                        + "signature, cosigned_at FROM checkpoint_cosignature WHERE tree_size = ANY (?) "
                        + "ORDER BY tree_size, witness")) {
            select.setArray(1, connection.createArrayOf("bigint", treeSizes.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.computeIfAbsent(rows.getLong(1), size -> new ArrayList<>()).add(new Stored(rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant()));
                }
            }
        }
        return found;
    }
}
