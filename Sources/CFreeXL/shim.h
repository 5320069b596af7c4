// FreeXL (Debian: libfreexl-dev): reads legacy Excel 97–2003 (.xls, BIFF) workbooks that
// units still send back; used behind WorkbookIO's LegacyXlsReader.
#include <freexl.h>
