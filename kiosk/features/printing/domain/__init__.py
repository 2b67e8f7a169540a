"""The printing feature's pure parts: where the printer is (`printer`) and what a receipt is
(`receipt`). Kept in two modules: the settings read `printer` before the first paint."""
