from helpers.bench import main

raise SystemExit(main())
