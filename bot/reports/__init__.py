"""Report files (XLSX) built from domain rows: no Telegram, no SQL, so any channel can send them."""
