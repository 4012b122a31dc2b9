from peerlint.cli import main

main()
