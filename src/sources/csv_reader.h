// CSV files into a table of strings: the input of `dbarch normalize` and `dbarch design`.
//
// RFC 4180 with the liberties real exports take: quoted fields may hold delimiters, doubled quotes and
// newlines (CRLF or LF); the delimiter (',' ';' TAB '|') and the header row are detected unless given; a UTF-8
// byte-order mark is skipped and a file that is not valid UTF-8 is read as Latin-1 (and converted), since
// spreadsheet exports on Windows often are. Values are kept exactly as written (no trimming, no type
// conversion): dependency discovery compares raw strings. A row with a different number of fields than the
// first is an error at its file:line:column, as is an unterminated quote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"

namespace dbarch::sources {

struct CsvOptions {
  char delimiter = 0;                          // 0 = detect among , ; TAB |
  enum class Header { kAuto, kYes, kNo } header = Header::kAuto;
  std::string null_string;                     // the text that means NULL (default: the empty field)
};

struct CsvTable {
  std::string path;                            // as given
  std::string name;                            // file name without directory and extension
  std::vector<std::string> columns;            // from the header, or column1…columnN without one
  std::vector<std::vector<std::string>> rows;  // every row has columns.size() fields
  std::vector<int> row_lines;                  // the 1-based line each row starts on (for messages)
  char delimiter = ',';
  bool has_header = false;
  std::string encoding = "UTF-8";              // "UTF-8" or "Latin-1 (converted to UTF-8)"
  std::string null_string;                     // copied from the options
};

// Parses text as CSV; `path` names it in error locations.
Result<CsvTable> ParseCsv(std::string_view text, const std::string& path, const CsvOptions& options = {});

// Reads and parses a file.
Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options = {});

// The delimiter the detector picks for text (exposed for tests).
char DetectCsvDelimiter(std::string_view text);

}  // namespace dbarch::sources
