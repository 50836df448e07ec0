from forecastbook.cli import main

main()
