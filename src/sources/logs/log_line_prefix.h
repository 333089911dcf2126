// PostgreSQL's log_line_prefix, compiled from its postgresql.conf text into a matcher for the stderr log
// format, and recognised from the first lines of a log when not given.
//
// Every escape PostgreSQL 15 writes is understood: %a %u %d %r %h %b %p %P %t %m %n %i %e %c %l %s %v %x %q
// %Q %% and the padding form (%-10u). Fixed-shape values (timestamps, pids, SQLSTATEs, session ids) are
// scanned by shape; free text (%u %d %a %h %r %b %i) runs to the next literal of the prefix, so
// 'user=%u,db=%d,app=%a,client=%h ' reads application names with blanks. %q ends the prefix for
// background processes, as PostgreSQL does. A line "matches" when the prefix matches and a severity
// (`LOG:  `, `ERROR:  `, `DETAIL:  `…) follows it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"
#include "sources/logs/log_record.h"

namespace dbarch::sources::logs {

class LogLinePrefix {
 public:
  // Compiles the prefix as written in postgresql.conf (without the quotes).
  static Result<LogLinePrefix> Compile(std::string_view prefix);

  // Matches the prefix at the start of `line`, fills the record's prefix fields and its severity, and
  // returns the offset of the message text (after "SEVERITY:  "). nullopt when the line does not match.
  std::optional<size_t> Match(std::string_view line, LogRecord* record) const;

  const std::string& text() const { return text_; }

 private:
  struct Token {
    char escape = 0;       // 0 for a literal
    std::string literal;
  };
  bool MatchFrom(size_t token, std::string_view line, size_t* pos, LogRecord* record) const;

  std::string text_;
  std::vector<Token> tokens_;
};

// Reads "SEVERITY:  " at `pos`: sets *severity and returns the offset after the two blanks.
std::optional<size_t> MatchSeverity(std::string_view line, size_t pos, std::string_view* severity);

// True for the secondary parts of a message that stderr writes as their own lines.
bool IsSecondarySeverity(std::string_view severity);

// The prefix (among common configurations: PostgreSQL's and Debian's defaults, pgBadger's recommended ones,
// …) that matches most of the given lines; nullopt when none matches any. `lines` are the first lines of a
// file (continuation lines, which start with a tab, are ignored).
std::optional<LogLinePrefix> DetectLogLinePrefix(const std::vector<std::string_view>& lines);

}  // namespace dbarch::sources::logs
