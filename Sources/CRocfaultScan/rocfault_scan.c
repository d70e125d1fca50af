// Multi-literal line prefilter: a 16-bit hash of every 4-byte window indexes a bitmap built from the
// literals' first four bytes; only windows whose bit is set are verified against the literals.
#define _GNU_SOURCE
#include "rocfault_scan.h"

#include <stdlib.h>
#include <string.h>

#define RF_HASH_BITS 16
#define RF_HASH_SIZE (1u << RF_HASH_BITS)
#define RF_NO_ENTRY 0xFFFFFFFFu

typedef struct {
    uint8_t *bytes;
    size_t length;
    uint32_t id;
    uint32_t next;  // next literal index in the same hash chain
} rf_literal;

struct rf_literal_set {
    uint8_t bitmap[RF_HASH_SIZE / 8];
    uint32_t heads[RF_HASH_SIZE];
    rf_literal *literals;
    size_t count;
    size_t capacity;
};

static inline uint32_t rf_load32(const uint8_t *p) {
    uint32_t value;
    memcpy(&value, p, sizeof value);
    return value;
}

static inline uint32_t rf_hash(uint32_t window) { return (window * 2654435761u) >> (32 - RF_HASH_BITS); }

rf_literal_set *rf_literal_set_create(void) {
    rf_literal_set *set = calloc(1, sizeof *set);
    if (set == NULL) return NULL;
    for (size_t i = 0; i < RF_HASH_SIZE; i++) set->heads[i] = RF_NO_ENTRY;
    return set;
}

void rf_literal_set_free(rf_literal_set *set) {
    if (set == NULL) return;
    for (size_t i = 0; i < set->count; i++) free(set->literals[i].bytes);
    free(set->literals);
    free(set);
}

int rf_literal_set_add(rf_literal_set *set, const uint8_t *bytes, size_t length, uint32_t id) {
    if (set == NULL || length < 4) return -1;
    if (set->count == set->capacity) {
        size_t capacity = set->capacity == 0 ? 64 : set->capacity * 2;
        rf_literal *grown = realloc(set->literals, capacity * sizeof *grown);
        if (grown == NULL) return -1;
        set->literals = grown;
        set->capacity = capacity;
    }
    uint8_t *copy = malloc(length);
    if (copy == NULL) return -1;
    memcpy(copy, bytes, length);
    uint32_t hash = rf_hash(rf_load32(bytes));
    rf_literal *literal = &set->literals[set->count];
    literal->bytes = copy;
    literal->length = length;
    literal->id = id;
    literal->next = set->heads[hash];
    set->heads[hash] = (uint32_t)set->count;
    set->bitmap[hash >> 3] |= (uint8_t)(1u << (hash & 7));
    set->count++;
    return 0;
}

// Whether any literal whose first four bytes hash to `hash` starts at buf[i].
static inline int rf_verify(const rf_literal_set *set, uint32_t hash, const uint8_t *buf, size_t i,
                            size_t length) {
    for (uint32_t index = set->heads[hash]; index != RF_NO_ENTRY; index = set->literals[index].next) {
        const rf_literal *literal = &set->literals[index];
        if (literal->length <= length - i && memcmp(buf + i, literal->bytes, literal->length) == 0) return 1;
    }
    return 0;
}

static inline size_t rf_line_start(const uint8_t *buf, size_t floor, size_t i) {
    while (i > floor && buf[i - 1] != '\n') i--;
    return i;
}

static inline size_t rf_line_end(const uint8_t *buf, size_t length, size_t i) {
    const uint8_t *newline = memchr(buf + i, '\n', length - i);
    return newline == NULL ? length : (size_t)(newline - buf);
}

size_t rf_scan_lines(const rf_literal_set *set, const uint8_t *buf, size_t length, size_t *position,
                     rf_line_hit *hits, size_t capacity) {
    size_t count = 0;
    size_t floor = *position;
    size_t i = *position;
    while (count < capacity && length >= 4 && i <= length - 4) {
        uint32_t hash = rf_hash(rf_load32(buf + i));
        if ((set->bitmap[hash >> 3] >> (hash & 7)) & 1u) {
            if (rf_verify(set, hash, buf, i, length)) {
                size_t start = rf_line_start(buf, floor, i);
                size_t end = rf_line_end(buf, length, i);
                hits[count].start = start;
                hits[count].end = end;
                count++;
                i = end + 1;
                floor = i;
                continue;
            }
        }
        i++;
    }
    *position = (count < capacity) ? length : (i > length ? length : i);
    return count;
}

// Records `id` in ids[0, count) unless it is there already; returns the new count.
static inline size_t rf_add_id(uint32_t *ids, size_t count, uint32_t id) {
    for (size_t k = 0; k < count; k++) {
        if (ids[k] == id) return count;
    }
    ids[count] = id;
    return count + 1;
}

// The same hashed pass as rf_scan_lines, over one line: each 4-byte window whose bit is set is
// verified against its hash chain only. A loop over every literal with memmem cost a pass of the
// line per literal, which grew with the rule set (the catalog families) and took most of a check.
size_t rf_literals_in_line(const rf_literal_set *set, const uint8_t *line, size_t length, uint32_t *ids,
                           size_t capacity) {
    size_t count = 0;
    for (size_t i = 0; length >= 4 && i <= length - 4 && count < capacity; i++) {
        uint32_t hash = rf_hash(rf_load32(line + i));
        if (!((set->bitmap[hash >> 3] >> (hash & 7)) & 1u)) continue;
        for (uint32_t index = set->heads[hash]; index != RF_NO_ENTRY && count < capacity;
             index = set->literals[index].next) {
            const rf_literal *literal = &set->literals[index];
            if (literal->length > length - i || memcmp(line + i, literal->bytes, literal->length) != 0) continue;
            count = rf_add_id(ids, count, literal->id);
        }
    }
    return count;
}

size_t rf_count_newlines(const uint8_t *buf, size_t length) {
    size_t count = 0;
    for (size_t i = 0; i < length; i++) count += buf[i] == '\n';
    return count;
}

int rf_contains(const uint8_t *haystack, size_t length, const uint8_t *needle, size_t needle_length) {
    return memmem(haystack, length, needle, needle_length) != NULL;
}
