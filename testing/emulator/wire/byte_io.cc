#include "testing/emulator/wire/byte_io.h"

#include "testing/emulator/wire/ucs2.h"

namespace emulator {

void ByteWriter::BVarchar(std::string_view utf8) {
  std::string units = Utf8ToUtf16Le(utf8);
  // B_VARCHAR holds at most 255 code units; longer names are cut.
  if (units.size() > 510) units.resize(510);
  U8(static_cast<uint8_t>(units.size() / 2));
  Bytes(units);
}

void ByteWriter::UsVarchar(std::string_view utf8) {
  std::string units = Utf8ToUtf16Le(utf8);
  if (units.size() > 131070) units.resize(131070);
  U16(static_cast<uint16_t>(units.size() / 2));
  Bytes(units);
}

bool ByteReader::Le(int bytes, uint64_t* v) {
  if (!ok_ || remaining() < static_cast<size_t>(bytes)) return Fail();
  uint64_t out = 0;
  for (int i = 0; i < bytes; ++i) {
    out |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + static_cast<size_t>(i)]))
           << (8 * i);
  }
  pos_ += static_cast<size_t>(bytes);
  *v = out;
  return true;
}

bool ByteReader::U8(uint8_t* v) {
  uint64_t x;
  if (!Le(1, &x)) return false;
  *v = static_cast<uint8_t>(x);
  return true;
}

bool ByteReader::U16(uint16_t* v) {
  uint64_t x;
  if (!Le(2, &x)) return false;
  *v = static_cast<uint16_t>(x);
  return true;
}

bool ByteReader::U32(uint32_t* v) {
  uint64_t x;
  if (!Le(4, &x)) return false;
  *v = static_cast<uint32_t>(x);
  return true;
}

bool ByteReader::U64(uint64_t* v) { return Le(8, v); }

bool ByteReader::Bytes(size_t n, std::string_view* v) {
  if (!ok_ || remaining() < n) return Fail();
  *v = data_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::Skip(size_t n) {
  std::string_view ignored;
  return Bytes(n, &ignored);
}

bool ByteReader::Utf16(size_t chars, std::string* utf8) {
  std::string_view raw;
  if (!Bytes(chars * 2, &raw)) return false;
  *utf8 = Utf16LeToUtf8(raw);
  return true;
}

bool ByteReader::BVarchar(std::string* utf8) {
  uint8_t n;
  return U8(&n) && Utf16(n, utf8);
}

bool ByteReader::UsVarchar(std::string* utf8) {
  uint16_t n;
  return U16(&n) && Utf16(n, utf8);
}

}  // namespace emulator
