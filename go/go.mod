module spancheck.dev/go

go 1.19
