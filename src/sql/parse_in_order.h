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
  size_t threads = 0;  // parsing threads; 0 = the hardware's (at most 4)
  size_t window = 0;   // parsed files held at once, consumed or not; 0 = 64 per thread
  int worker_nice_increment = 10;  // added to the workers' nice value (Linux) so the consumer keeps a core
};

// Calls parse(i) for i in [0, count) on worker threads and consume(i, file) on the calling thread in order.
// Stops at the first failure in order — a parse error or a non-ok Status from consume — and returns it;
// files after it may have been parsed but are not consumed.
Status ParseInOrder(size_t count, const std::function<Result<ParsedFile>(size_t)>& parse,
                    const std::function<Status(size_t, ParsedFile&&)>& consume, ParseInOrderOptions options = {});

}  // namespace dbarch::sql
