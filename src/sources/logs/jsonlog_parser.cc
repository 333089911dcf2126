#include "sources/logs/jsonlog_parser.h"

#include <nlohmann/json.hpp>

namespace dbarch::sources::logs {
namespace {

std::string_view Text(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

}  // namespace

void ParseJsonLog(std::string_view text, int64_t first_line, const RecordSink& sink, const MalformedSink& malformed) {
  int64_t line_number = first_line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    const int64_t this_line = line_number++;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object() || !object.contains("message") || !object.contains("error_severity")) {
      malformed(MalformedLine{this_line, "jsonlog line is not a JSON object with error_severity and message"});
      continue;
    }
    LogRecord record;
    record.line = this_line;
    record.timestamp = Text(object, "timestamp");
    record.user = Text(object, "user");
    record.database = Text(object, "dbname");
    if (auto pid = object.find("pid"); pid != object.end() && pid->is_number_integer()) record.pid = pid->get<int64_t>();
    record.host = Text(object, "remote_host");
    record.session_id = Text(object, "session_id");
    record.severity = Text(object, "error_severity");
    record.sqlstate = Text(object, "state_code");
    record.message = Text(object, "message");
    record.detail = Text(object, "detail");
    record.hint = Text(object, "hint");
    record.context = Text(object, "context");
    record.statement = Text(object, "statement");
    record.query = Text(object, "internal_query");
    record.application = Text(object, "application_name");
    sink(record);
  }
}

}  // namespace dbarch::sources::logs
