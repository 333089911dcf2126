// Parses many files on worker threads while the caller consumes them one at a time, in order. Linting a
// corpus of tens of MB this way keeps both cores busy (parsing is independent per file, the lint replay is
// not) and holds only a window of parsed trees in memory instead of the whole corpus's.
#pragma once

#include <cstddef>
#include <functional>

#include "dbarch/status.h"
#include "sql/parser.h"

namespace dbarch::sql {

struct ParseInOrderOptions {
  size_t threads = 0;  // parsing threads besides the consumer; 0 = one per core but the consumer's (at most 4;
                       // on one core the consumer parses everything itself)
  size_t window = 0;   // parsed files held at once, consumed or not; 0 = 64 per thread, the consumer's included
};

// Calls parse(i) for i in [0, count) on worker threads and consume(i, file) on the calling thread in order; while
// the file it needs next is not ready, the calling thread parses the next unclaimed one itself.
// Stops at the first failure in order — a parse error or a non-ok Status from consume — and returns it;
// files after it may have been parsed but are not consumed.
Status ParseInOrder(size_t count, const std::function<Result<ParsedFile>(size_t)>& parse,
                    const std::function<Status(size_t, ParsedFile&&)>& consume, ParseInOrderOptions options = {});

}  // namespace dbarch::sql
