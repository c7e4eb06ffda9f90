from helpers.bench.timing import main

raise SystemExit(main())
