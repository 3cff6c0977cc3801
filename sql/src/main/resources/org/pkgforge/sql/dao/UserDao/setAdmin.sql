UPDATE farm_user SET admin = :admin WHERE name = :name
