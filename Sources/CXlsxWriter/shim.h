// The system libxlsxwriter (Debian: libxlsxwriter-dev), exposed to Swift as one module.
#include <xlsxwriter.h>
