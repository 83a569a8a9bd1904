module github.com/cmq-greencity/greencity

go 1.26.8
