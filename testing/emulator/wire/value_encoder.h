// Encodes result-set columns: COLMETADATA entries and row values.
//
// Usage (once per result set, then per row):
//   ColumnEncoder enc(column);
//   enc.WriteMetadata(&buffer);
//   EHI_RETURN_IF_ERROR(enc.WriteValue(value, text_size, &buffer));
//
// Each SqlType maps to one nullable TDS wire type (INTN, DECIMALN, NVARCHAR,
// ...; the TYPE_INFO rules of [MS-TDS]) so NULL can always be sent.
// Values arrive in the canonical forms documented in engine_api.h; other
// kinds are converted where the meaning is unambiguous (an int for a
// decimal, text for a number). Conversion failures return a status whose
// code tells the caller which SQL Server error to raise: OutOfRange →
// arithmetic overflow, InvalidArgument → conversion failed.
#ifndef EHI_TESTING_EMULATOR_WIRE_VALUE_ENCODER_H_
#define EHI_TESTING_EMULATOR_WIRE_VALUE_ENCODER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "testing/emulator/engine_api.h"

namespace emulator {

class ColumnEncoder {
 public:
  explicit ColumnEncoder(const Column& column);

  // UserType, Flags, TYPE_INFO, [TableName] and ColName of one COLMETADATA
  // column entry.
  void WriteMetadata(std::string* out) const;

  // Appends the row value (length prefix included). `text_size` is the
  // session's TEXTSIZE in bytes (<= 0 means unlimited), applied to (max)
  // types, text, ntext, image and xml as SQL Server does.
  absl::Status WriteValue(const Value& value, int64_t text_size, std::string* out) const;

  uint8_t wire_type() const { return wire_type_; }
  // True when the wire value is streamed as PLP (the (max) types and xml).
  bool is_plp() const { return plp_; }

 private:
  absl::Status WriteInt(const Value& v, std::string* out) const;
  absl::Status WriteFloat(const Value& v, std::string* out) const;
  absl::Status WriteDecimal(const Value& v, std::string* out) const;
  absl::Status WriteMoney(const Value& v, std::string* out) const;
  absl::Status WriteTemporal(const Value& v, std::string* out) const;
  absl::Status WriteGuid(const Value& v, std::string* out) const;
  absl::Status WriteChars(const Value& v, int64_t text_size, std::string* out) const;

  Column column_;
  uint8_t wire_type_ = 0;
  int fixed_size_ = 0;  // INTN/FLTN/MONEYN/DATETIMN size; DECIMALN bytes
  int max_bytes_ = 0;   // char/binary types (non-max): max length in bytes
  bool plp_ = false;
  bool unicode_ = false;     // value travels as UTF-16LE
  bool binary_ = false;      // value travels as raw bytes
  bool legacy_lob_ = false;  // text/ntext/image with textptr framing
};

// Applies SQL Server's TEXTSIZE rules: 0 restores the 4096 default,
// negative or >= 2147483647 means unlimited (returned as -1).
int64_t EffectiveTextSize(int64_t text_size);

// Renders a canonical Value as UTF-8 text (used for char columns fed with a
// number and for diagnostics).
std::string ValueAsText(const Value& value);

}  // namespace emulator

#endif  // EHI_TESTING_EMULATOR_WIRE_VALUE_ENCODER_H_
