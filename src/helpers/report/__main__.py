import sys

from helpers.report.build import main

sys.exit(main())
