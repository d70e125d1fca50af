#ifndef ROCFAULT_SCAN_H
#define ROCFAULT_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// A set of byte literals (each at least 4 bytes) searched for together.
typedef struct rf_literal_set rf_literal_set;

/// A line of the scanned buffer that contains at least one literal: bytes [start, end), without the newline.
typedef struct {
    size_t start;
    size_t end;
} rf_line_hit;

/// Creates an empty set. Returns NULL when out of memory.
rf_literal_set *rf_literal_set_create(void);

/// Frees a set.
void rf_literal_set_free(rf_literal_set *set);

/// Adds a literal with an id. Returns 0, or -1 when the literal is shorter than 4 bytes or memory ran out.
int rf_literal_set_add(rf_literal_set *set, const uint8_t *bytes, size_t length, uint32_t id);

/// Scans buf[*position, length) for lines containing any literal, writing up to `capacity` hits.
/// Advances *position past the last line reported (or to `length` when the buffer is done).
/// Returns the number of hits written. Lines end at '\n'; a last line without one ends at `length`.
size_t rf_scan_lines(const rf_literal_set *set, const uint8_t *buf, size_t length, size_t *position,
                     rf_line_hit *hits, size_t capacity);

/// Writes the ids of the literals occurring in line[0, length) to `ids` (at most `capacity`, each id once).
/// Returns how many were written.
size_t rf_literals_in_line(const rf_literal_set *set, const uint8_t *line, size_t length, uint32_t *ids,
                           size_t capacity);

/// Whether needle[0, needle_length) occurs in haystack[0, length) (glibc memmem).
int rf_contains(const uint8_t *haystack, size_t length, const uint8_t *needle, size_t needle_length);

/// Counts the '\n' bytes in buf[0, length).
size_t rf_count_newlines(const uint8_t *buf, size_t length);

#endif
