// A server's configuration as pg_settings shows it, and the arithmetic of PostgreSQL setting values:
// memory ("4GB", "512kB", or a number of the setting's unit such as 8kB pages) and time ("5min", "200ms").
// PostgreSQL's units are case-sensitive and binary (1MB = 1024kB); so are these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbarch::model {

// One row of pg_settings.
struct ServerSetting {
  std::string name;
  std::string setting;   // in `unit`s when unit is set: shared_buffers "16384" with unit "8kB"
  std::string unit;      // "", "8kB", "kB", "MB", "ms", "s", "min"
  std::string source;    // "default", "configuration file", "override", …
  std::string context;   // "postmaster" (restart), "sighup" (reload), "user", …
  std::string boot_val;  // PostgreSQL's built-in default, in `unit`s
  bool pending_restart = false;
};

const ServerSetting* FindSetting(const std::vector<ServerSetting>& settings, std::string_view name);

// Memory in kB from a configuration value: "4GB", "512 MB", "64kB", "1TB", or a bare number of
// `default_unit` ("8kB" pages, "kB", "MB"). nullopt when it is not a memory value.
std::optional<int64_t> ParseMemoryKb(std::string_view value, std::string_view default_unit = "kB");
// The largest unit that keeps the value whole: 4194304 → "4GB", 1536 → "1536kB", 131072 → "128MB".
std::string FormatMemoryKb(int64_t kb);

// Time in milliseconds from "5min", "30s", "200ms", "1h", "1d", or a bare number of `default_unit`.
std::optional<double> ParseDurationMs(std::string_view value, std::string_view default_unit = "ms");
// The largest unit that keeps the value whole: 300000 → "5min", 1500 → "1500ms".
std::string FormatDurationMs(double ms);

// A pg_settings row's value in its natural form: memory and time with units, the rest as is.
std::string DisplayValue(const ServerSetting& setting);

// Whether two values of a setting mean the same (units, case of on/off/true, quotes).
bool SameSettingValue(const ServerSetting& setting, std::string_view value);

}  // namespace dbarch::model
