import IVRegCLI
