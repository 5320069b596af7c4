// The system zlib (Debian: zlib1g-dev): its crc32() checks inflated ZIP entries at
// inflate speed, far faster than a CRC written in Swift.
#include <zlib.h>
