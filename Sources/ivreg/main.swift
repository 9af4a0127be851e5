import IVRegCLI

IVRegCommand.main()
