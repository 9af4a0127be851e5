// IVRegCLI
