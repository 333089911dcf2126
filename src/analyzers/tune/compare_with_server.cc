// How a live server's pg_settings differ from the advice, and the settings no production server should run.
#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers {

namespace {

std::string HowToApply(const model::ServerSetting& current, const RecommendedSetting& wanted) {
  if (current.context == "postmaster" || wanted.restart_required) return "needs a server restart";
  if (current.context == "sighup") return "applies on reload (SELECT pg_reload_conf())";
  if (current.context == "superuser" || current.context == "user" || current.context == "superuser-backend") {
    return "applies on reload; sessions may also SET it";
  }
  return "applies on reload";
}

std::string Describe(const model::ServerSetting& s) {
  std::string value = model::DisplayValue(s);
  return value.empty() ? "''" : value;
}

bool IsOff(const model::ServerSetting* s) { return s != nullptr && model::SameSettingValue(*s, "off"); }

}  // namespace

std::vector<SettingDifference> CompareWithServer(const TuneAdvice& advice,
                                                 const std::vector<model::ServerSetting>& current) {
  std::vector<SettingDifference> out;
  for (const auto& wanted : advice.settings) {
    SettingDifference d;
    d.name = wanted.name;
    d.recommended = wanted.value;
    const auto* now = model::FindSetting(current, wanted.name);
    if (now == nullptr) {
      d.kind = SettingDifference::Kind::kMissingOnServer;
      d.explanation = "the server does not know this setting (an older version?): skip it";
      out.push_back(std::move(d));
      continue;
    }
    d.current = Describe(*now);
    d.current_source = now->source;
    if (wanted.name == "shared_preload_libraries") {
      // A list: recommended libraries must be in it; others the server loads stay.
      const std::string libs = now->setting;
      const bool present = libs.find("pg_stat_statements") != std::string::npos;
      d.kind = present ? SettingDifference::Kind::kAlreadySet : SettingDifference::Kind::kChange;
      if (!present) d.recommended = libs.empty() ? "'pg_stat_statements'" : fmt::format("'{},pg_stat_statements'", libs);
    } else {
      d.kind = model::SameSettingValue(*now, wanted.value) ? SettingDifference::Kind::kAlreadySet
                                                           : SettingDifference::Kind::kChange;
    }
    if (d.kind == SettingDifference::Kind::kChange) {
      d.explanation = fmt::format("{} → {}: {}; {}{}", d.current, d.recommended, wanted.reason,
                                  HowToApply(*now, wanted),
                                  now->source == "default" ? "" : fmt::format(" (currently set by: {})", now->source));
    } else {
      d.explanation = "already as recommended";
    }
    if (now->pending_restart) d.explanation += "; a changed value is waiting for a restart";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<RiskySetting> FindRiskySettings(const std::vector<model::ServerSetting>& current) {
  std::vector<RiskySetting> out;
  auto check = [&](const char* name, bool risky, const char* risk, const char* fix) {
    const auto* s = model::FindSetting(current, name);
    if (s != nullptr && risky) out.push_back({name, Describe(*s), risk, fix});
  };
  check("fsync", IsOff(model::FindSetting(current, "fsync")),
        "a crash or power loss can corrupt the whole cluster, not just lose recent commits",
        "fsync = on (for faster commits accept losing the last moments with synchronous_commit = off instead)");
  check("full_page_writes", IsOff(model::FindSetting(current, "full_page_writes")),
        "a crash during a page write leaves torn pages that WAL replay cannot repair",
        "full_page_writes = on (wal_compression reduces its cost)");
  check("autovacuum", IsOff(model::FindSetting(current, "autovacuum")),
        "dead rows are never removed and transaction IDs are never frozen: bloat, then a forced shutdown to "
        "prevent wraparound",
        "autovacuum = on (tune it per table instead of turning it off)");
  if (const auto* s = model::FindSetting(current, "track_counts"); IsOff(s)) {
    out.push_back({"track_counts", Describe(*s), "autovacuum cannot see which tables need vacuum or analyze",
                   "track_counts = on"});
  }
  if (const auto* s = model::FindSetting(current, "synchronous_commit"); IsOff(s)) {
    out.push_back({"synchronous_commit", Describe(*s),
                   "a crash loses up to 3 × wal_writer_delay of commits that clients were told succeeded (no "
                   "corruption)",
                   "synchronous_commit = on, or keep off deliberately for data you can afford to lose"});
  }
  if (const auto* s = model::FindSetting(current, "password_encryption"); s != nullptr && s->setting == "md5") {
    out.push_back({"password_encryption", Describe(*s), "MD5 password hashes are weak and replayable from pg_authid",
                   "password_encryption = scram-sha-256, then reset each role's password"});
  }
  return out;
}

}  // namespace dbarch::analyzers
