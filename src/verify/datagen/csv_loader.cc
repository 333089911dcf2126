#include "verify/datagen/csv_loader.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>

namespace dbarch::verify::datagen {

Result<std::vector<std::string>> ReadCsvHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path);
  std::string line;
  if (!std::getline(in, line)) return Status::InvalidInput(path + ":1: empty CSV file (a header row is needed)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 BOM
  std::vector<std::string> names;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') field.push_back('"'), ++i;
      else if (c == '"') quoted = false;
      else field.push_back(c);
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      names.push_back(field);
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  names.push_back(field);
  for (auto& name : names) {
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name.empty()) return Status::InvalidInput(path + ":1: empty column name in the CSV header");
  }
  return names;
}

int CopyErrorLine(const std::string& message) {
  const size_t copy = message.find("COPY ");
  if (copy == std::string::npos) return 0;
  const size_t line = message.find(", line ", copy);
  if (line == std::string::npos) return 0;
  return std::atoi(message.c_str() + line + 7);
}

Result<int64_t> LoadCsvFile(PgConnection& connection, const model::QualifiedName& table, const std::string& path,
                            const std::function<void(int64_t bytes)>& progress) {
  auto header = ReadCsvHeader(path);
  if (!header.ok()) return header.status();
  std::string columns;
  for (const auto& name : header.value()) {
    if (!columns.empty()) columns += ", ";
    columns += connection.QuoteIdentifier(name);
  }
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return Status::IoError("cannot read " + path);
  int64_t bytes = 0;
  auto loaded = connection.CopyIn(
      fmt::format("COPY {} ({}) FROM STDIN WITH (FORMAT csv, HEADER true)", table.ToSql(), columns),
      [&](std::string* chunk) {
        chunk->resize(1 << 20);
        const size_t n = std::fread(chunk->data(), 1, chunk->size(), file.get());
        chunk->resize(n);
        bytes += static_cast<int64_t>(n);
        if (progress) progress(bytes);
        return n > 0;
      });
  if (!loaded.ok()) {
    const std::string& message = loaded.status().message();
    SourceLocation where;
    where.file = path;
    where.line = CopyErrorLine(message);
    return Status::InvalidInput(fmt::format("loading {} into {} failed: {}", path, table.ToString(), message), where);
  }
  return static_cast<int64_t>(loaded.value());
}

}  // namespace dbarch::verify::datagen
