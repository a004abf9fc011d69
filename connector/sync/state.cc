#include "connector/sync/state.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace ehi::sync {
namespace {

using nlohmann::json;

absl::Status Bad(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("invalid state_json: ", what));
}

json EncodeValue(const Value& v) {
  if (v.is_null) return nullptr;
  switch (v.type) {
    case DataType::kBoolean:
      return v.boolean;
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      return v.integer;
    case DataType::kFloat:
    case DataType::kDouble:
      return v.real;
    case DataType::kNaiveDate:
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime:
      return FormatTimestamp(v.timestamp);
    case DataType::kBinary:
      return absl::BytesToHexString(v.text);
    default:
      return v.text;
  }
}

absl::StatusOr<Value> DecodeValue(const json& j, DataType type, absl::string_view where) {
  Value v = Value::Null(type);
  if (j.is_null()) return v;
  v.is_null = false;
  switch (type) {
    case DataType::kBoolean:
      if (!j.is_boolean()) return Bad(absl::StrCat(where, ": expected a boolean"));
      v.boolean = j.get<bool>();
      return v;
    case DataType::kShort:
    case DataType::kInt:
    case DataType::kLong:
      if (!j.is_number_integer()) return Bad(absl::StrCat(where, ": expected an integer"));
      v.integer = j.get<int64_t>();
      return v;
    case DataType::kFloat:
    case DataType::kDouble:
      if (!j.is_number()) return Bad(absl::StrCat(where, ": expected a number"));
      v.real = j.get<double>();
      return v;
    case DataType::kNaiveDate:
    case DataType::kNaiveDateTime:
    case DataType::kUtcDateTime: {
      if (!j.is_string()) return Bad(absl::StrCat(where, ": expected an ISO 8601 string"));
      absl::StatusOr<Timestamp> ts = ParseTimestamp(j.get<std::string>());
      if (!ts.ok()) return Bad(absl::StrCat(where, ": ", ts.status().message()));
      v.timestamp = *ts;
      return v;
    }
    case DataType::kBinary: {
      if (!j.is_string()) return Bad(absl::StrCat(where, ": expected a hex string"));
      const std::string hex = j.get<std::string>();
      if (hex.size() % 2 != 0) return Bad(absl::StrCat(where, ": odd-length hex"));
      for (char c : hex) {
        if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) {
          return Bad(absl::StrCat(where, ": not hex"));
        }
      }
      v.text = absl::HexStringToBytes(hex);
      return v;
    }
    default:
      if (!j.is_string()) return Bad(absl::StrCat(where, ": expected a string"));
      v.text = j.get<std::string>();
      return v;
  }
}

json EncodeKey(const Key& key) {
  json a = json::array();
  for (const Value& v : key) a.push_back(EncodeValue(v));
  return a;
}

absl::StatusOr<Key> DecodeKey(const json& j, const std::vector<DataType>& types,
                              absl::string_view where) {
  if (!j.is_array()) return Bad(absl::StrCat(where, ": expected an array"));
  if (j.size() != types.size()) {
    return Bad(
        absl::StrCat(where, ": has ", j.size(), " values, the key has ", types.size(), " columns"));
  }
  Key key;
  for (size_t i = 0; i < types.size(); ++i) {
    absl::StatusOr<Value> v = DecodeValue(j[i], types[i], absl::StrCat(where, "[", i, "]"));
    if (!v.ok()) return v.status();
    if (v->is_null) return Bad(absl::StrCat(where, "[", i, "]: key values cannot be null"));
    key.push_back(std::move(*v));
  }
  return key;
}

const ColumnInfo* InstantColumn(const TableInfo& t) {
  for (const ColumnInfo& c : t.columns) {
    if (absl::EqualsIgnoreCase(c.name, "_LastUpdatedInstant")) return &c;
  }
  return nullptr;
}

absl::StatusOr<TableState> DecodeTable(const json& j, const TableInfo& table,
                                       const std::string& name) {
  if (!j.is_object()) return Bad(absl::StrCat("table \"", name, "\" is not an object"));
  auto phase_it = j.find("phase");
  if (phase_it == j.end() || !phase_it->is_string()) {
    return Bad(absl::StrCat("table \"", name, "\" has no \"phase\" string"));
  }
  const std::string phase = phase_it->get<std::string>();
  TableState t;
  std::vector<DataType> pk_types;
  for (int i : table.primary_key) pk_types.push_back(table.columns[i].mapped.type);
  const ColumnInfo* instant = InstantColumn(table);
  auto decode_cursor = [&]() -> absl::Status {
    auto it = j.find("cursor");
    if (it == j.end()) return absl::OkStatus();
    if (instant == nullptr) {
      return Bad(absl::StrCat("table \"", name, "\" has a cursor but no _LastUpdatedInstant"));
    }
    absl::StatusOr<Value> v =
        DecodeValue(*it, instant->mapped.type, absl::StrCat("table \"", name, "\" cursor"));
    if (!v.ok()) return v.status();
    t.has_cursor = true;
    t.cursor = std::move(*v);
    return absl::OkStatus();
  };
  if (phase == "reload") {
    t.phase = Phase::kReload;
    return t;
  }
  if (phase == "incremental") {
    t.phase = Phase::kIncremental;
    if (table.primary_key.empty() || instant == nullptr) {
      return Bad(absl::StrCat("table \"", name,
                              "\" is incremental but has no primary key or _LastUpdatedInstant"));
    }
    if (!j.contains("cursor")) return Bad(absl::StrCat("table \"", name, "\" has no cursor"));
    if (absl::Status s = decode_cursor(); !s.ok()) return s;
    if (auto it = j.find("position"); it != j.end() && !it->is_null()) {
      std::vector<DataType> types = {instant->mapped.type};
      types.insert(types.end(), pk_types.begin(), pk_types.end());
      absl::StatusOr<Key> k = DecodeKey(*it, types, absl::StrCat("table \"", name, "\" position"));
      if (!k.ok()) return k.status();
      t.position = std::move(*k);
    }
    return t;
  }
  if (phase != "full_load") {
    return Bad(absl::StrCat("table \"", name, "\" has unknown phase \"", phase, "\""));
  }
  t.phase = Phase::kFullLoad;
  if (table.primary_key.empty()) {
    return Bad(absl::StrCat("table \"", name,
                            "\" has no primary key, so it cannot have a full_load position"));
  }
  if (absl::Status s = decode_cursor(); !s.ok()) return s;
  auto ranges = j.find("ranges");
  if (ranges == j.end() || !ranges->is_array() || ranges->empty()) {
    return Bad(absl::StrCat("table \"", name, "\" has no \"ranges\" array"));
  }
  const DataType lead = pk_types[0];
  for (size_t i = 0; i < ranges->size(); ++i) {
    const json& r = (*ranges)[i];
    const std::string where = absl::StrCat("table \"", name, "\" range ", i);
    if (!r.is_object()) return Bad(absl::StrCat(where, " is not an object"));
    RangeState rs;
    for (const char* bound : {"lower", "upper"}) {
      auto b = r.find(bound);
      if (b == r.end() || b->is_null()) continue;
      absl::StatusOr<Value> v = DecodeValue(*b, lead, absl::StrCat(where, " ", bound));
      if (!v.ok()) return v.status();
      (bound[0] == 'l' ? rs.lower : rs.upper) = std::move(*v);
    }
    if (auto lk = r.find("last_key"); lk != r.end() && !lk->is_null()) {
      absl::StatusOr<Key> k = DecodeKey(*lk, pk_types, absl::StrCat(where, " last_key"));
      if (!k.ok()) return k.status();
      rs.last_key = std::move(*k);
    }
    auto done = r.find("done");
    if (done == r.end() || !done->is_boolean()) {
      return Bad(absl::StrCat(where, " has no \"done\" boolean"));
    }
    rs.done = done->get<bool>();
    t.ranges.push_back(std::move(rs));
  }
  return t;
}

}  // namespace

std::string StateKey(const TableInfo& table) { return absl::StrCat(table.schema, ".", table.name); }

absl::StatusOr<Timestamp> ParseTimestamp(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 ||
      n != 19) {
    return absl::InvalidArgumentError(absl::StrCat("not an ISO 8601 timestamp: \"", iso, "\""));
  }
  int32_t nanos = 0;
  if (iso.size() > 19) {
    if (iso[19] != '.' || iso.size() == 20 || iso.size() > 29) {
      return absl::InvalidArgumentError(absl::StrCat("bad fraction in \"", iso, "\""));
    }
    int digits = 0;
    for (size_t i = 20; i < iso.size(); ++i, ++digits) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(iso[i]))) {
        return absl::InvalidArgumentError(absl::StrCat("bad fraction in \"", iso, "\""));
      }
      nanos = nanos * 10 + (iso[i] - '0');
    }
    for (; digits < 9; ++digits) nanos *= 10;
  }
  const absl::CivilSecond cs(y, mo, d, h, mi, s);
  if (cs.year() != y || cs.month() != mo || cs.day() != d || cs.hour() != h || cs.minute() != mi ||
      cs.second() != s) {
    return absl::InvalidArgumentError(absl::StrCat("no such date/time: \"", iso, "\""));
  }
  Timestamp ts;
  ts.seconds = absl::ToUnixSeconds(absl::FromCivil(cs, absl::UTCTimeZone()));
  ts.nanos = nanos;
  return ts;
}

absl::StatusOr<ParsedState> ParseState(const std::string& text,
                                       const std::vector<TableInfo>& tables) {
  ParsedState out;
  if (absl::StripAsciiWhitespace(text).empty()) return out;
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Bad("not valid JSON");
  if (!j.is_object()) return Bad("not a JSON object");
  auto version = j.find("version");
  if (version == j.end() || !version->is_number_integer()) return Bad("no integer \"version\"");
  if (version->get<int64_t>() != kStateVersion) {
    return Bad(absl::StrCat("unsupported version ", version->dump(), " (this connector reads ",
                            kStateVersion, ")"));
  }
  auto entries = j.find("tables");
  if (entries == j.end() || !entries->is_object()) return Bad("\"tables\" is not an object");
  std::map<std::string, const TableInfo*> by_key;
  for (const TableInfo& t : tables) by_key[StateKey(t)] = &t;
  for (auto it = entries->begin(); it != entries->end(); ++it) {
    auto found = by_key.find(it.key());
    if (found == by_key.end()) {
      out.warnings.push_back(absl::StrCat("Table ", it.key(),
                                          " in the saved state is no longer in the source (dropped "
                                          "or filtered out); its sync state was removed."));
      continue;
    }
    absl::StatusOr<TableState> t = DecodeTable(it.value(), *found->second, it.key());
    if (!t.ok()) return t.status();
    out.state.tables[it.key()] = std::move(*t);
  }
  return out;
}

absl::StatusOr<std::string> SerializeState(const SyncState& state) {
  json tables = json::object();
  for (const auto& [name, t] : state.tables) {
    json e = json::object();
    switch (t.phase) {
      case Phase::kReload:
        e["phase"] = "reload";
        break;
      case Phase::kIncremental:
        e["phase"] = "incremental";
        e["cursor"] = EncodeValue(t.cursor);
        if (t.position.has_value()) e["position"] = EncodeKey(*t.position);
        break;
      case Phase::kFullLoad: {
        e["phase"] = "full_load";
        if (t.has_cursor) e["cursor"] = EncodeValue(t.cursor);
        json ranges = json::array();
        for (const RangeState& r : t.ranges) {
          json jr = json::object();
          jr["lower"] = r.lower.has_value() ? EncodeValue(*r.lower) : json(nullptr);
          jr["upper"] = r.upper.has_value() ? EncodeValue(*r.upper) : json(nullptr);
          jr["last_key"] = r.last_key.has_value() ? EncodeKey(*r.last_key) : json(nullptr);
          jr["done"] = r.done;
          ranges.push_back(std::move(jr));
        }
        e["ranges"] = std::move(ranges);
        break;
      }
    }
    tables[name] = std::move(e);
  }
  json root = json::object();
  root["version"] = kStateVersion;
  root["tables"] = std::move(tables);
  try {
    return root.dump();
  } catch (const json::exception& e) {
    return absl::InternalError(absl::StrCat("cannot serialise the sync state: ", e.what()));
  }
}

}  // namespace ehi::sync
