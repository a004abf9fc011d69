// The project's one logger: JSON lines on stdout, in the shape Fivetran's
// partner SDK reads from a connector's output:
//
//   {"level":"INFO","message":"Schema: 42 tables","message-origin":"sdk_connector"}
//
// Usage:
//   ehi::LogInfo(absl::StrCat("Synced ", rows, " rows of ", table));
//   ehi::LogWarning("...");  ehi::LogSevere("...");
//   ehi::LogDebug("...");    // only printed after SetDebugLogging(true)
//
// Thread-safe: each call writes one whole line under a mutex. Never pass a
// secret (password, certificate body) in a message.
#ifndef EHI_COMMON_LOGGER_H_
#define EHI_COMMON_LOGGER_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace ehi {

enum class LogLevel { kDebug, kInfo, kWarning, kSevere };

// Formats one log line (without the trailing newline). Debug lines carry
// level "INFO" with a "debug" flag, since the SDK knows only three levels.
std::string FormatLogLine(LogLevel level, std::string_view message, std::string_view origin);

// Process-wide settings. SetLogSink is for tests and tools that must keep
// stdout for their own output; it defaults to stdout.
void SetDebugLogging(bool enabled);
bool DebugLoggingEnabled();
void SetLogSink(std::FILE* sink);
void SetLogOrigin(std::string_view origin);  // default "sdk_connector"

void Log(LogLevel level, std::string_view message);
inline void LogDebug(std::string_view m) { Log(LogLevel::kDebug, m); }
inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarning(std::string_view m) { Log(LogLevel::kWarning, m); }
inline void LogSevere(std::string_view m) { Log(LogLevel::kSevere, m); }

}  // namespace ehi

#endif  // EHI_COMMON_LOGGER_H_
