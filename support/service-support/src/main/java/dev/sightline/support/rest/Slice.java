package dev.sightline.support.rest;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, cut from a fetch of {@code limit + 1} rows: the rows to serve, and whether more follow (the
 * extra row), so every list hands out a next cursor the same way.
 */
public record Slice<T>(List<T> items, boolean more) {
    public static <T> Slice<T> of(List<T> fetched, int limit) {
        return new Slice<>(List.copyOf(fetched.subList(0, Math.min(limit, fetched.size()))), fetched.size() > limit);
    }

    /** The cursor of the next page (the position of this page's last row), or null on the last page. */
    public <C> C next(Function<T, C> position) {
        return more ? position.apply(items.get(items.size() - 1)) : null;
    }

    public <R> List<R> map(Function<T, R> mapping) {
        return items.stream().map(mapping).toList();
    }
}
