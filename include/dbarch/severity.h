#pragma once

#include <optional>
#include <string_view>

namespace dbarch {

// Ordered: a higher value is more serious.
enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity s);  // "info", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace dbarch
