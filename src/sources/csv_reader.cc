#include "sources/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace dbarch::sources {
namespace {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra;
    if (c < 0x80) extra = 0;
    else if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if ((c >> 4) == 0xE) extra = 2;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3;
    else return false;
    if (i + extra >= s.size() + (extra == 0 ? 1 : 0) && extra > 0) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Line and 1-based character column of a byte offset (columns count UTF-8 characters, as editors do).
SourceLocation LocationOf(std::string_view text, size_t offset, const std::string& path) {
  offset = std::min(offset, text.size());
  SourceLocation loc;
  loc.file = path;
  loc.byte_offset = offset;
  loc.line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  size_t line_start = text.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  if (offset > 0 && text[offset - 1] == '\n') line_start = offset;
  int column = 1;
  for (size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  loc.column = column;
  return loc;
}

struct Record {
  std::vector<std::string> fields;
  std::vector<size_t> field_offsets;  // byte offset where each field starts
  size_t offset = 0;                  // where the record starts
  int line = 0;                       // the 1-based line it starts on
  bool blank = false;                 // an empty line
};

// Splits text into records; stops after max_records (0 = all).
Result<std::vector<Record>> Split(std::string_view text, char delim, const std::string& path, size_t max_records) {
  std::vector<Record> records;
  size_t i = 0;
  const size_t n = text.size();
  int line = 1;
  while (i < n && (max_records == 0 || records.size() < max_records)) {
    Record rec;
    rec.offset = i;
    rec.line = line;
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
      rec.blank = true;
      rec.fields.emplace_back();
      rec.field_offsets.push_back(i);
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      records.push_back(std::move(rec));
      continue;
    }
    bool end_of_record = false;
    while (!end_of_record) {
      std::string field;
      size_t field_start = i;
      if (i < n && text[i] == '"') {
        size_t quote_at = i;
        ++i;
        for (;;) {
          if (i >= n)
            return Status::InvalidInput("unterminated quoted field (the quote opened here is never closed)",
                                        LocationOf(text, quote_at, path));
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (i < n && text[i] != delim && text[i] != '\n' && !(text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')))
          return Status::InvalidInput(
              fmt::format("unexpected character '{}' after a closing quote (expected the delimiter or the end of "
                          "the row; a quote inside a quoted field is written \"\")",
                          text[i]),
              LocationOf(text, i, path));
      } else {
        while (i < n && text[i] != delim && text[i] != '\n' && !(text[i] == '\r' && (i + 1 == n || text[i + 1] == '\n')))
          field += text[i++];
      }
      rec.fields.push_back(std::move(field));
      rec.field_offsets.push_back(field_start);
      if (i >= n) {
        end_of_record = true;
      } else if (text[i] == delim) {
        ++i;
      } else {  // \n or \r\n
        i += text[i] == '\r' ? 2 : 1;
        ++line;
        end_of_record = true;
      }
      if (!end_of_record && i >= n) {  // a trailing delimiter at the end of the file: one more empty field
        rec.fields.emplace_back();
        rec.field_offsets.push_back(i);
        end_of_record = true;
      }
    }
    records.push_back(std::move(rec));
  }
  return records;
}

bool LooksTyped(std::string_view v) {
  if (v.empty()) return false;
  char* end = nullptr;
  std::string s(v);
  std::strtod(s.c_str(), &end);
  if (end == s.c_str() + s.size()) return true;
  // ISO dates and booleans count as typed values too.
  if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' && s[7] == '-') return true;
  std::string lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "true" || lower == "false";
}

// A header row is one whose cells are distinct and non-empty and that does not look like the rows below it:
// in a column whose values are numbers or dates the header cell is a name. Columns of text alone cannot
// tell, so then a first row none of whose cells repeats below is taken as a header.
bool DetectHeader(const std::vector<Record>& records) {
  if (records.size() < 2) return false;
  const auto& first = records[0].fields;
  std::set<std::string> distinct(first.begin(), first.end());
  if (distinct.size() != first.size()) return false;
  for (const auto& f : first)
    if (f.empty()) return false;
  int votes = 0;
  bool repeats = false;
  for (size_t c = 0; c < first.size(); ++c) {
    size_t typed = 0, nonempty = 0;
    for (size_t r = 1; r < records.size(); ++r) {
      if (records[r].blank || c >= records[r].fields.size()) continue;
      const std::string& v = records[r].fields[c];
      if (v == first[c]) repeats = true;
      if (v.empty()) continue;
      ++nonempty;
      if (LooksTyped(v)) ++typed;
    }
    if (nonempty > 0 && typed * 10 >= nonempty * 9) votes += LooksTyped(first[c]) ? -1 : 1;
  }
  if (votes != 0) return votes > 0;
  return !repeats;
}

}  // namespace

char DetectCsvDelimiter(std::string_view text) {
  static constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  char best = ',';
  double best_score = 0;
  for (char d : kCandidates) {
    auto records = Split(text.substr(0, std::min<size_t>(text.size(), 64 * 1024)), d, "", 30);
    if (!records.ok()) continue;
    std::map<size_t, int> counts;  // fields per record → how many records
    int total = 0;
    // The last record of a truncated sample may be cut short: leave it out when there are others.
    size_t usable = records->size() > 1 ? records->size() - 1 : records->size();
    if (text.size() <= 64 * 1024) usable = records->size();
    for (size_t r = 0; r < usable; ++r) {
      if ((*records)[r].blank) continue;
      counts[(*records)[r].fields.size()]++;
      ++total;
    }
    if (total == 0) continue;
    auto mode = std::max_element(counts.begin(), counts.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
    if (mode->first < 2) continue;
    // Consistency first (share of rows with the usual field count), then more fields.
    double score = static_cast<double>(mode->second) / total * 1000 + static_cast<double>(mode->first);
    if (score > best_score) {
      best_score = score;
      best = d;
    }
  }
  return best;
}

Result<CsvTable> ParseCsv(std::string_view input, const std::string& path, const CsvOptions& options) {
  CsvTable table;
  table.path = path;
  table.name = std::filesystem::path(path).stem().string();
  table.null_string = options.null_string;
  std::string converted;
  std::string_view text = input;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos)
    return Status::InvalidInput("file contains NUL bytes; expected CSV text, this looks like a binary file",
                                LocationOf(text, text.find('\0'), path));
  if (!IsValidUtf8(text)) {
    converted = Latin1ToUtf8(text);
    text = converted;
    table.encoding = "Latin-1 (converted to UTF-8)";
  }
  table.delimiter = options.delimiter ? options.delimiter : DetectCsvDelimiter(text);
  auto split = Split(text, table.delimiter, path, 0);
  if (!split.ok()) return split.status();
  std::vector<Record>& records = *split;
  // Blank lines separate nothing in a table of several columns; in a one-column table a blank line is an
  // empty value, except the last line terminator of the file.
  size_t width = 0;
  for (const auto& r : records)
    if (!r.blank) {
      width = r.fields.size();
      break;
    }
  if (width == 0) {
    if (records.empty()) return Status::InvalidInput("the CSV file is empty", LocationOf(text, 0, path));
    width = 1;
  }
  if (width > 1) std::erase_if(records, [](const Record& r) { return r.blank; });
  if (records.empty()) return Status::InvalidInput("the CSV file is empty", LocationOf(text, 0, path));
  switch (options.header) {
    case CsvOptions::Header::kYes: table.has_header = true; break;
    case CsvOptions::Header::kNo: table.has_header = false; break;
    case CsvOptions::Header::kAuto: {
      std::vector<Record> sample(records.begin(), records.begin() + std::min<size_t>(records.size(), 200));
      table.has_header = DetectHeader(sample);
      break;
    }
  }
  size_t first_data = 0;
  if (table.has_header) {
    table.columns = records[0].fields;
    for (size_t c = 0; c < table.columns.size(); ++c)
      if (table.columns[c].empty()) table.columns[c] = fmt::format("column{}", c + 1);
    first_data = 1;
  } else {
    for (size_t c = 0; c < width; ++c) table.columns.push_back(fmt::format("column{}", c + 1));
  }
  table.rows.reserve(records.size() - first_data);
  table.row_lines.reserve(records.size() - first_data);
  for (size_t r = first_data; r < records.size(); ++r) {
    Record& rec = records[r];
    if (rec.fields.size() != width) {
      size_t at = rec.fields.size() > width ? rec.field_offsets[width] : rec.offset;
      SourceLocation loc = LocationOf(text, at, path);
      if (rec.fields.size() < width) {
        // Point at the end of the short row.
        size_t end = rec.field_offsets.back() + rec.fields.back().size();
        loc = LocationOf(text, end, path);
      }
      return Status::InvalidInput(fmt::format("row {} has {} field{}, expected {} like {}", r + 1, rec.fields.size(),
                                              rec.fields.size() == 1 ? "" : "s", width,
                                              table.has_header ? "the header" : "the first row"),
                                  loc);
    }
    table.row_lines.push_back(rec.line);
    table.rows.push_back(std::move(rec.fields));
  }
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path, const CsvOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("cannot open {}", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(fmt::format("cannot read {}", path));
  return ParseCsv(buffer.str(), path, options);
}

}  // namespace dbarch::sources
